using JobHome.Silo.Hosting;
using JobHome.Storage;
using Microsoft.Extensions.Configuration;

namespace JobHome.Silo.Tests.Hosting;

/// <summary>Configuration of the host: documented defaults, tolerant spelling, and errors naming key, value and rule.</summary>
public sealed class SiloHostOptionsReaderTests
{
    [Fact]
    public void Read_EmptyConfiguration_ReturnsDocumentedDefaults()
    {
        var options = SiloHostOptionsReader.Read(Configuration());

        Assert.Equal(StorageKind.Embedded, options.Storage);
        Assert.Equal(Path.GetFullPath("data"), options.DataPath);
        Assert.Null(options.ConnectionString);
        Assert.Equal("jobhome", options.ClusterId);
        Assert.Equal("jobhome", options.ServiceId);
        Assert.Equal(11111, options.SiloPort);
        Assert.Equal(30000, options.GatewayPort);
        Assert.Null(options.AdvertisedAddress);
        Assert.Equal(TimeSpan.FromSeconds(120), options.ShutdownTimeout);
        Assert.True(options.OrleansDashboard);
    }

    [Fact]
    public void Read_OrleansDashboardFalse_TurnsItOff()
    {
        var options = SiloHostOptionsReader.Read(Configuration(("JobHome:OrleansDashboard", "false")));

        Assert.False(options.OrleansDashboard);
    }

    [Fact]
    public void Read_OrleansDashboardNotAFlag_NamesTheKeyAndTheRule()
    {
        var error = Assert.Throws<SiloConfigurationException>(
            () => SiloHostOptionsReader.Read(Configuration(("JobHome:OrleansDashboard", "off"))));

        Assert.Equal(["JobHome:OrleansDashboard = 'off' is not a flag: use true or false."], error.Errors);
    }

    [Fact]
    public void Read_ConnectionStringsNamingAGssMode_KeepIt()
    {
        var options = SiloHostOptionsReader.Read(Configuration(
            ("JobHome:Storage", "postgres"),
            ("ConnectionStrings:JobHome", "Host=db;Database=jobhome;Gss Encryption Mode=Require"),
            ("ConnectionStrings:JobHomeMigration", "Host=db;Database=jobhome;Username=owner")));

        Assert.Equal("Host=db;Database=jobhome;Gss Encryption Mode=Require", options.ConnectionString);
        Assert.Equal("Host=db;Database=jobhome;Username=owner;GSS Encryption Mode=Disable", options.MigrationConnectionString);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("Postgres")]
    [InlineData(" POSTGRES ")]
    public void Read_StorageInAnyCase_ReturnsPostgres(string value)
    {
        var options = SiloHostOptionsReader.Read(Configuration(("JobHome:Storage", value)));

        Assert.Equal(StorageKind.Postgres, options.Storage);
    }

    [Fact]
    public void Read_AllKeysSet_ReturnsThem()
    {
        var options = SiloHostOptionsReader.Read(Configuration(
            ("JobHome:Storage", "postgres"),
            ("JobHome:Data", "/var/lib/jobhome"),
            ("ConnectionStrings:JobHome", "Host=db;Database=jobhome"),
            ("JobHome:ClusterId", "prod-1"),
            ("JobHome:ServiceId", "jobhome.jx"),
            ("JobHome:SiloPort", "12000"),
            ("JobHome:GatewayPort", "31000"),
            ("JobHome:AdvertisedAddress", "10.0.0.7"),
            ("JobHome:ShutdownTimeout", "00:01:30")));

        Assert.Equal(StorageKind.Postgres, options.Storage);
        Assert.Equal("/var/lib/jobhome", options.DataPath);
        // JobHome's default for a string that names no GSS encryption mode (docs/storage.md) is added.
        Assert.Equal("Host=db;Database=jobhome;GSS Encryption Mode=Disable", options.ConnectionString);
        Assert.Equal("prod-1", options.ClusterId);
        Assert.Equal("jobhome.jx", options.ServiceId);
        Assert.Equal(12000, options.SiloPort);
        Assert.Equal(31000, options.GatewayPort);
        Assert.Equal("10.0.0.7", options.AdvertisedAddress);
        Assert.Equal(TimeSpan.FromSeconds(90), options.ShutdownTimeout);
    }

    [Fact]
    public void Read_ShutdownTimeoutInSeconds_ReturnsSeconds()
    {
        var options = SiloHostOptionsReader.Read(Configuration(("JobHome:ShutdownTimeout", "45")));

        Assert.Equal(TimeSpan.FromSeconds(45), options.ShutdownTimeout);
    }

    [Theory]
    [InlineData("JobHome:Storage", "sqlite", "JobHome:Storage = 'sqlite' is not a storage kind: use 'embedded' or 'postgres'.")]
    [InlineData("JobHome:SiloPort", "0", "JobHome:SiloPort = '0' is not a port: use a whole number from 1 to 65535.")]
    [InlineData("JobHome:GatewayPort", "65536", "JobHome:GatewayPort = '65536' is not a port: use a whole number from 1 to 65535.")]
    [InlineData("JobHome:GatewayPort", "-1", "JobHome:GatewayPort = '-1' is not a port: use a whole number from 1 to 65535.")]
    [InlineData("JobHome:ClusterId", "a b", "JobHome:ClusterId = 'a b' is not a valid id: use 1 to 64 ASCII letters, digits, '-', '_' or '.'.")]
    [InlineData("JobHome:AdvertisedAddress", "not an address", "JobHome:AdvertisedAddress = 'not an address' is not an address: use an IP address or a host name.")]
    [InlineData("JobHome:ShutdownTimeout", "0", "JobHome:ShutdownTimeout = '0' is not a shutdown timeout: use whole seconds (e.g. 120) or hh:mm:ss, from 1 second to 1 hour.")]
    [InlineData("JobHome:ShutdownTimeout", "02:00:00", "JobHome:ShutdownTimeout = '02:00:00' is not a shutdown timeout: use whole seconds (e.g. 120) or hh:mm:ss, from 1 second to 1 hour.")]
    public void Read_InvalidValue_ThrowsNamingKeyValueAndRule(string key, string value, string expected)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloHostOptionsReader.Read(Configuration((key, value))));

        Assert.Equal([expected], error.Errors);
    }

    [Fact]
    public void Read_SamePortForSiloAndGateway_Throws()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloHostOptionsReader.Read(Configuration(
            ("JobHome:SiloPort", "20000"), ("JobHome:GatewayPort", "20000"))));

        Assert.Equal(["JobHome:SiloPort and JobHome:GatewayPort are both 20000: the silo and the gateway need two different ports."], error.Errors);
    }

    [Fact]
    public void Read_SeveralInvalidValues_ReportsEach()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloHostOptionsReader.Read(Configuration(
            ("JobHome:Storage", "x"), ("JobHome:SiloPort", "y"))));

        Assert.Equal(2, error.Errors.Count);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
