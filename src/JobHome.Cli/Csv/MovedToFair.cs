// The CSV readers and writers moved to src/JobHome.Fair (namespace JobHome.Fair.Csv, a global using of this project).
// This empty declaration keeps `using JobHome.Cli.Csv;` compiling in files written before the move (other branches);
// delete it once no file names the namespace.
#pragma warning disable IDE0161 // A file-scoped namespace needs a member; this one is deliberately empty.
namespace JobHome.Cli.Csv
{
}
