using System.Data.Common;

namespace JobHome.Actors.AdoNet.Dialects;

/// <summary>Parameter helpers shared by the dialects.</summary>
internal static class DbCommandExtensions
{
    /// <summary>Adds a named parameter (null becomes <see cref="DBNull"/>).</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
