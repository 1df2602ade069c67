using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using JobHome.Domain.Validation;
using Microsoft.AspNetCore.Http.Features;

namespace JobHome.Silo.Security.Access;

/// <summary>
/// Reads a JSON request body into memory once and checks it against the limits (size, depth, string length, array
/// length, valid UTF-8) before any endpoint sees it; the body stays readable for the endpoint.
/// </summary>
internal static class JsonBodyGuard
{
    /// <summary>True for a request whose body is JSON.</summary>
    public static bool HasJsonBody(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
        && request.ContentType is { } type
        && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Buffers and checks the body; returns the bytes, or a field error and the status to answer with (400 or 413).
    /// </summary>
    public static async Task<(byte[]? Body, FieldError? Error, int Status)> ReadAsync(HttpContext context, SecurityOptions limits)
    {
        var request = context.Request;
        if (request.ContentLength > limits.MaxJsonBytes)
        {
            return (null, TooLarge(limits), StatusCodes.Status413PayloadTooLarge);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxJsonBytes;
        }
        byte[] body;
        try
        {
            // A body of announced length is read straight into an array of that size (the usual case: one allocation);
            // a chunked one is collected up to the limit.
            body = request.ContentLength is { } length
                ? await ReadExactlyAsync(request.Body, (int)length, context.RequestAborted)
                : await ReadChunkedAsync(request.Body, limits.MaxJsonBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            return (null, TooLarge(limits), StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidDataException)
        {
            return (null, TooLarge(limits), StatusCodes.Status413PayloadTooLarge);
        }
        var problem = Check(body, limits);
        if (problem is not null)
        {
            return (null, new FieldError("(body)", string.Empty, problem, "request limits (请求限制): see docs/security.md"), 400);
        }
        request.Body = new MemoryStream(body, writable: false);
        return (body, null, 0);
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        // Kestrel ends the body at Content-Length; a body that stops short is the client's error (the binder reports it).
        var read = await body.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, cancellationToken);
        return read == length ? bytes : bytes[..read];
    }

    private static async Task<byte[]> ReadChunkedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new InvalidDataException("The body is larger than the limit.");
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private static FieldError TooLarge(SecurityOptions limits) =>
        new("(body)", string.Empty, $"is larger than {limits.MaxJsonBytes} bytes", "request limits (请求限制): JSON body size");

    /// <summary>The first broken limit, or null when the body is within them (malformed JSON is left to the binder).</summary>
    private static string? Check(byte[] body, SecurityOptions limits)
    {
        if (body.Length == 0)
        {
            return null;
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = limits.MaxJsonDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow });
        var arrays = new Stack<int>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray:
                        CountItem(arrays);
                        arrays.Push(0);
                        break;
                    case JsonTokenType.EndArray:
                        arrays.Pop();
                        break;
                    case JsonTokenType.StartObject:
                        CountItem(arrays);
                        arrays.Push(-1);
                        break;
                    case JsonTokenType.EndObject:
                        arrays.Pop();
                        break;
                    case JsonTokenType.String or JsonTokenType.PropertyName:
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            CountItem(arrays);
                        }
                        if (!WithinLength(ref reader, limits.MaxStringLength))
                        {
                            return $"has a string longer than {limits.MaxStringLength} characters";
                        }
                        break;
                    default:
                        CountItem(arrays);
                        break;
                }
                if (arrays.Count > limits.MaxJsonDepth)
                {
                    return $"is nested deeper than {limits.MaxJsonDepth} levels";
                }
                if (arrays.Count > 0 && arrays.Peek() > limits.MaxArrayLength)
                {
                    return $"has an array longer than {limits.MaxArrayLength} items";
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the endpoint's binder answers 400 naming the field where reading stopped.
            return null;
        }
        catch (InvalidOperationException)
        {
            return "is not valid UTF-8 JSON";
        }
        return null;
    }

    /// <summary>
    /// Whether the current string or property name is at most <paramref name="max"/> UTF-16 units long; throws
    /// <see cref="InvalidOperationException"/> when it is not valid UTF-8 (as <see cref="Utf8JsonReader.GetString"/> does).
    /// Every write's body passes here: a value without escapes is checked on its bytes (UTF-8 takes at least one byte per
    /// UTF-16 unit, so a value of at most <paramref name="max"/> bytes is within the limit), without making a string of
    /// it; an escaped one is unescaped as before.
    /// </summary>
    private static bool WithinLength(ref Utf8JsonReader reader, int max)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString()!.Length <= max;
        }
        var value = reader.ValueSpan;
        if (!Utf8.IsValid(value))
        {
            throw new InvalidOperationException("The string is not valid UTF-8.");
        }
        return value.Length <= max || Encoding.UTF8.GetCharCount(value) <= max;
    }

    private static void CountItem(Stack<int> arrays)
    {
        if (arrays.Count > 0 && arrays.Peek() >= 0)
        {
            arrays.Push(arrays.Pop() + 1);
        }
    }
}
