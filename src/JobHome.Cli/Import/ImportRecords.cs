namespace JobHome.Cli.Import;

/// <summary>A site as <c>POST /api/import/sites</c> takes it.</summary>
internal sealed record SiteRecord(string Code, string Name, string Kind, string? ParentCode, double? Lat, double? Lon, bool Rural);

/// <summary>An employer as <c>POST /api/import/employers</c> takes it.</summary>
internal sealed record EmployerRecord(string CreditCode, string Name, string SiteCode, double? Lat, double? Lon);

/// <summary>A seeker as <c>POST /api/import/seekers</c> takes it (fields of POST /api/seekers).</summary>
internal sealed record SeekerRecord(
    string? SiteCode, string Name, string? IdNumber, string? Phone, string BirthDate, string Gender, string Education,
    string[] Occupations, string[] Skills, decimal? ExpectedPayMin, double? Lat, double? Lon, bool Rural, string[] Availability,
    string[] KeyGroups, string? Status, string? StatusSince);

/// <summary>A household as <c>POST /api/import/households</c> takes it.</summary>
internal sealed record HouseholdRecord(string SiteCode, string[] MemberIds);

/// <summary>A post as <c>POST /api/import/posts</c> takes it (fields of POST /api/posts, and posts.csv's optional <c>opened</c>).</summary>
internal sealed record PostRecord(
    string? SiteCode, string? EmployerCode, string Title, string Occupation, int? Openings, decimal? PayMin, decimal? PayMax,
    double? Lat, double? Lon, string Kind, string? MinEducation, int? AgeMin, int? AgeMax, string[] Skills, DateOnly? Opened = null);

/// <summary>One keyed record of a batch: <c>{id, record}</c>.</summary>
internal sealed record KeyedRecord<T>(string Id, T Record);

/// <summary>The answer of a batch import.</summary>
internal sealed record BatchAnswer(int Created, int Existing, int Rejected, BatchOutcome[] Items);

/// <summary>One record's outcome.</summary>
internal sealed record BatchOutcome(int Index, string? Id, string Outcome, BatchError[] Errors, string? ConflictingId);

/// <summary>One field error of a rejected record.</summary>
internal sealed record BatchError(string Field, string Value, string Problem, string Rule);
