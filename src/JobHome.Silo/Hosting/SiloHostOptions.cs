using JobHome.Storage;

namespace JobHome.Silo.Hosting;

/// <summary>Settings of the silo host, read from the <c>JobHome</c> configuration section (and <c>ConnectionStrings:JobHome</c>).</summary>
internal sealed class SiloHostOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "JobHome";

    /// <summary>Which store backs the cluster (<c>JobHome:Storage</c>: <c>embedded</c> or <c>postgres</c>). Default: embedded.</summary>
    public StorageKind Storage { get; init; } = StorageKind.Embedded;

    /// <summary>
    /// Folder of the embedded database, created when missing (<c>JobHome:Data</c>, or <c>--data DIR</c>).
    /// Default: <c>data</c> under the working directory.
    /// </summary>
    public string Data { get; init; } = "data";

    /// <summary>PostgreSQL connection string (<c>ConnectionStrings:JobHome</c>); required with postgres. Default: none.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// PostgreSQL connection string of the role that applies schema scripts (<c>ConnectionStrings:JobHomeMigration</c>);
    /// the runtime role of <see cref="ConnectionString"/> then needs no DDL rights. Default: none (the runtime string).
    /// </summary>
    public string? MigrationConnectionString { get; init; }

    /// <summary>Orleans cluster id: silos with the same id form one cluster (<c>JobHome:ClusterId</c>). Default: <c>jobhome</c>.</summary>
    public string ClusterId { get; init; } = "jobhome";

    /// <summary>
    /// Orleans service id: stays the same across deployments, keys durable state (<c>JobHome:ServiceId</c>).
    /// Default: <c>jobhome</c>.
    /// </summary>
    public string ServiceId { get; init; } = "jobhome";

    /// <summary>Port silos talk to each other on (<c>JobHome:SiloPort</c>). Default: 11111.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Port Orleans clients connect to (<c>JobHome:GatewayPort</c>). Default: 30000.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>
    /// Address other silos reach this one on, an IP address or a host name (<c>JobHome:AdvertisedAddress</c>); used with
    /// postgres. Default: none (the address of this machine's host name).
    /// </summary>
    public string? AdvertisedAddress { get; init; }

    /// <summary>
    /// How long a stop (Ctrl+C, SIGTERM) may take to deactivate grains and flush state
    /// (<c>JobHome:ShutdownTimeout</c>). Default: 120 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Load the Xinfeng demo on the first start of an empty embedded database (<c>JobHome:Demo</c>; <c>--no-demo</c> sets
    /// it false). Default: true.
    /// </summary>
    public bool Demo { get; init; } = true;

    /// <summary>
    /// Serve the Orleans Dashboard at <c>/orleans</c> (<c>JobHome:OrleansDashboard</c>). While it is used (from a request
    /// under <c>/orleans</c> until 5 minutes without one, <see cref="OrleansDashboardTelemetry"/>) it samples Orleans'
    /// counters every second and times every grain call; a silo that needs neither (a load measurement, a silo behind a
    /// metrics stack) can leave it out. Default: true.
    /// </summary>
    public bool OrleansDashboard { get; init; } = true;

    /// <summary>Full path of <see cref="Data"/>.</summary>
    public string DataPath => Path.GetFullPath(Data);

    /// <summary>The storage options handed to <c>JobHome.Storage</c>.</summary>
    public JobHomeStorageOptions ToStorageOptions() => new()
    {
        Kind = Storage,
        DataDirectory = DataPath,
        ConnectionString = ConnectionString,
        MigrationConnectionString = MigrationConnectionString,
    };
}
