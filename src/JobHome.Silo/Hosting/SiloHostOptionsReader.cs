using System.Globalization;
using JobHome.Storage;
using JobHome.Storage.Postgres;

namespace JobHome.Silo.Hosting;

/// <summary>
/// Reads <see cref="SiloHostOptions"/> from configuration and checks every value, so that a bad setting stops the host
/// with a message naming the key, the value and the rule rather than an exception from deep inside Orleans.
/// </summary>
internal static class SiloHostOptionsReader
{
    private const int MaxIdLength = 64;
    private static readonly TimeSpan MaxShutdownTimeout = TimeSpan.FromHours(1);

    /// <summary>Reads and validates the options; throws <see cref="SiloConfigurationException"/> listing every bad value.</summary>
    public static SiloHostOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SiloHostOptions.SectionName);
        var defaults = new SiloHostOptions();
        var errors = new List<string>();

        var options = new SiloHostOptions
        {
            Storage = ReadStorage(section, defaults.Storage, errors),
            Data = ReadText(section, nameof(SiloHostOptions.Data), defaults.Data, errors),
            ConnectionString = configuration.GetConnectionString("JobHome") is { Length: > 0 } connection
                ? PostgresConnectionDefaults.Apply(connection) : null,
            MigrationConnectionString = configuration.GetConnectionString("JobHomeMigration") is { Length: > 0 } migration
                ? PostgresConnectionDefaults.Apply(migration) : null,
            ClusterId = ReadId(section, nameof(SiloHostOptions.ClusterId), defaults.ClusterId, errors),
            ServiceId = ReadId(section, nameof(SiloHostOptions.ServiceId), defaults.ServiceId, errors),
            SiloPort = ReadPort(section, nameof(SiloHostOptions.SiloPort), defaults.SiloPort, errors),
            GatewayPort = ReadPort(section, nameof(SiloHostOptions.GatewayPort), defaults.GatewayPort, errors),
            AdvertisedAddress = ReadAddress(section, errors),
            ShutdownTimeout = ReadShutdownTimeout(section, defaults.ShutdownTimeout, errors),
            Demo = ReadFlag(section, nameof(SiloHostOptions.Demo), defaults.Demo, errors),
            OrleansDashboard = ReadFlag(section, nameof(SiloHostOptions.OrleansDashboard), defaults.OrleansDashboard, errors),
        };

        if (options.SiloPort == options.GatewayPort && errors.Count == 0)
        {
            errors.Add($"{Key(nameof(SiloHostOptions.SiloPort))} and {Key(nameof(SiloHostOptions.GatewayPort))} "
                + $"are both {options.SiloPort}: "
                + "the silo and the gateway need two different ports.");
        }

        if (errors.Count > 0)
        {
            throw new SiloConfigurationException(errors);
        }

        return options;
    }

    private static string Key(string name) => $"{SiloHostOptions.SectionName}:{name}";

    private static StorageKind ReadStorage(IConfigurationSection section, StorageKind fallback, List<string> errors)
    {
        var value = section[nameof(SiloHostOptions.Storage)];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        switch (value.Trim().ToUpperInvariant())
        {
            case "EMBEDDED":
                return StorageKind.Embedded;
            case "POSTGRES":
                return StorageKind.Postgres;
            default:
                errors.Add($"{Key(nameof(SiloHostOptions.Storage))} = '{value}' is not a storage kind: use 'embedded' or 'postgres'.");
                return fallback;
        }
    }

    private static bool ReadFlag(IConfigurationSection section, string name, bool fallback, List<string> errors)
    {
        var value = section[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }
        if (bool.TryParse(value.Trim(), out var flag))
        {
            return flag;
        }
        errors.Add($"{Key(name)} = '{value}' is not a flag: use true or false.");
        return fallback;
    }

    private static string ReadText(IConfigurationSection section, string name, string fallback, List<string> errors)
    {
        var value = section[name];
        if (value is null)
        {
            return fallback;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{Key(name)} is empty: give a folder, or leave the setting out for the default '{fallback}'.");
            return fallback;
        }

        return value.Trim();
    }

    private static string ReadId(IConfigurationSection section, string name, string fallback, List<string> errors)
    {
        var value = section[name];
        if (value is null)
        {
            return fallback;
        }

        var valid = value.Length is > 0 and <= MaxIdLength
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        if (!valid)
        {
            errors.Add($"{Key(name)} = '{value}' is not a valid id: use 1 to {MaxIdLength} ASCII letters, digits, '-', '_' or '.'.");
            return fallback;
        }

        return value;
    }

    private static int ReadPort(IConfigurationSection section, string name, int fallback, List<string> errors)
    {
        var value = section[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            errors.Add($"{Key(name)} = '{value}' is not a port: use a whole number from 1 to 65535.");
            return fallback;
        }

        return port;
    }

    private static string? ReadAddress(IConfigurationSection section, List<string> errors)
    {
        var value = section[nameof(SiloHostOptions.AdvertisedAddress)];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (Uri.CheckHostName(trimmed) == UriHostNameType.Unknown)
        {
            errors.Add($"{Key(nameof(SiloHostOptions.AdvertisedAddress))} = '{value}' is not an address: "
                + "use an IP address or a host name.");
            return null;
        }

        return trimmed;
    }

    private static TimeSpan ReadShutdownTimeout(IConfigurationSection section, TimeSpan fallback, List<string> errors)
    {
        var name = nameof(SiloHostOptions.ShutdownTimeout);
        var value = section[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        // Whole seconds ("120") or a TimeSpan ("00:02:00"), as operators write either.
        TimeSpan timeout;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            timeout = TimeSpan.FromSeconds(seconds);
        }
        else if (!TimeSpan.TryParse(value.Trim(), CultureInfo.InvariantCulture, out timeout))
        {
            timeout = TimeSpan.MinValue;
        }

        if (timeout < TimeSpan.FromSeconds(1) || timeout > MaxShutdownTimeout)
        {
            errors.Add($"{Key(name)} = '{value}' is not a shutdown timeout: "
                + "use whole seconds (e.g. 120) or hh:mm:ss, from 1 second to 1 hour.");
            return fallback;
        }

        return timeout;
    }
}
