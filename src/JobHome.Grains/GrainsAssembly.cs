using JobHome.Domain.People;

// The Domain stays free of Orleans: its enums (site kinds, education, key groups, labour status…) get their codecs
// generated here. Domain records that cross a grain boundary travel as surrogates (see Serialization/).
[assembly: GenerateCodeForDeclaringAssembly(typeof(KeyGroups))]
