using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// The string limit of a JSON body (<c>MaxStringLength</c>, 10,000 by default) counts UTF-16 units of the unescaped text,
/// for values and property names alike, whether the body writes a character raw (one to four UTF-8 bytes) or as an
/// escape; invalid UTF-8 inside a string is refused. A body within the limits goes on to the endpoint (whose own checks
/// answer it).
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class JsonLimitTests(SecuredSiloFixture fixture)
{
    private const string Refused = "has a string longer than 10000 characters";

    [Theory]
    [InlineData("a", 10_000, false)] // one byte, one unit each
    [InlineData("a", 10_001, true)]
    [InlineData("长", 10_000, false)] // three bytes, one unit: 30,000 bytes within the limit
    [InlineData("长", 10_001, true)]
    [InlineData("😀", 5_000, false)] // four bytes, two units: 10,000 units
    [InlineData("😀", 5_001, true)]
    [InlineData("\\u957f", 10_000, false)] // escaped: six bytes, one unit
    [InlineData("\\u957f", 10_001, true)]
    public async Task Post_StringOfLength_RefusedExactlyOverTheLimit(string character, int count, bool refused)
    {
        var text = string.Concat(Enumerable.Repeat(character, count));

        var asValue = await PostAsync(Encoding.UTF8.GetBytes($"{{\"name\":\"{text}\"}}"));
        var asName = await PostAsync(Encoding.UTF8.GetBytes($"{{\"{text}\":1}}"));

        foreach (var (status, body) in new[] { asValue, asName })
        {
            Assert.Equal(refused, body.Contains(Refused, StringComparison.Ordinal));
            if (refused)
            {
                Assert.Equal(HttpStatusCode.BadRequest, status);
            }
        }
    }

    [Fact]
    public async Task Post_InvalidUtf8InAString_Refused()
    {
        byte[] body = [.. "{\"name\":\"ab"u8, 0xC3, 0x28, .. "\"}"u8];

        var (status, text) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is not valid UTF-8 JSON", text, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await fixture.Silo.Http.PostAsync(new Uri("/api/seekers", UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
