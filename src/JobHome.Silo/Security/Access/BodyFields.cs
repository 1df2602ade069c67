using System.Text;
using System.Text.Json;

namespace JobHome.Silo.Security.Access;

/// <summary>
/// The top-level body fields that name sites or records (<c>siteCode</c>, <c>parentCode</c>, <c>seekerId</c>,
/// <c>memberIds</c>), read in one forward pass of the bytes without building a document (every write passes here).
/// Names match ignoring case, as the endpoint's binder (web defaults) matches them, so <c>SiteCode</c> cannot slip a
/// second site past the scope check; every member is returned (the body's size limit bounds them).
/// </summary>
internal static class BodyFields
{
    /// <summary>
    /// The non-empty string values of those fields (the last one when a name repeats in any casing, as the endpoint's
    /// binder reads it), or null when the body is not one well-formed JSON object.
    /// </summary>
    public static (string? SiteCode, string? ParentCode, string? SeekerId, List<string> MemberIds)? Read(ReadOnlySpan<byte> body)
    {
        string? siteCode = null, parentCode = null, seekerId = null;
        var members = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = FieldOf(ref reader);
                if (!reader.Read())
                {
                    return null;
                }
                if (name == 4 && reader.TokenType == JsonTokenType.StartArray)
                {
                    members.Clear();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } member)
                        {
                            members.Add(member);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                    continue;
                }
                if (name is 1 or 2 or 3)
                {
                    var text = reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } value ? value : null;
                    switch (name)
                    {
                        case 1:
                            siteCode = text;
                            break;
                        case 2:
                            parentCode = text;
                            break;
                        default:
                            seekerId = text;
                            break;
                    }
                    reader.Skip();
                    continue;
                }
                reader.Skip();
            }
            // The whole body must be well-formed, as JsonDocument.Parse required before.
            while (reader.Read())
            {
            }
            return (siteCode, parentCode, seekerId, members);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>1 siteCode, 2 parentCode, 3 seekerId, 4 memberIds (any casing), 0 any other property name.</summary>
    private static int FieldOf(ref Utf8JsonReader reader)
    {
        // An escaped name is at most 6 bytes per character in the raw text; unescaped, the four names are ASCII.
        if ((reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > 64)
        {
            return 0;
        }
        Span<byte> buffer = stackalloc byte[64];
        var text = buffer[..reader.CopyString(buffer)];
        return Ascii.EqualsIgnoreCase(text, "siteCode"u8) ? 1
            : Ascii.EqualsIgnoreCase(text, "parentCode"u8) ? 2
            : Ascii.EqualsIgnoreCase(text, "seekerId"u8) ? 3
            : Ascii.EqualsIgnoreCase(text, "memberIds"u8) ? 4 : 0;
    }
}
