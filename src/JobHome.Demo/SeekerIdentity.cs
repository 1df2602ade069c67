using JobHome.Domain.People;

namespace JobHome.Demo;

/// <summary>The identity drawn for a demo seeker: birth date, gender, education, ID card and phone.</summary>
internal readonly record struct SeekerIdentity(DateOnly BirthDate, Gender Gender, EducationLevel Education, IdCardNumber IdCard,
    string Phone);
