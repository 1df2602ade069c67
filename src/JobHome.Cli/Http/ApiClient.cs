using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace JobHome.Cli.Http;

/// <summary>
/// The one HTTP client of every <c>--url</c> command: JSON in camelCase, problem details (RFC 7807) turned into an
/// <see cref="ApiException"/> with a one-line message, and sign-in by bearer token or by user name and password
/// (<c>POST /api/auth/token</c>, done once, lazily, before the first call). Thread-safe; one instance per command run.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    /// <summary>JSON options of the API: camelCase, enums as strings, nulls left out of requests.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly ApiCredentials _credentials;
    private readonly SemaphoreSlim _signIn = new(1, 1);
    private volatile bool _signedIn;

    /// <summary>A client for the API at <paramref name="baseUri"/> (e.g. http://localhost:5080/).</summary>
    public ApiClient(Uri baseUri, ApiCredentials credentials, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(credentials);
        var inner = handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 256,
        };
        _http = new HttpClient(inner, disposeHandler: handler is null) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(100) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _credentials = credentials;
        _signedIn = credentials.User is null;
        if (credentials.Token is { } token)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The base address.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>
    /// Parses a base URL: absolute http or https, no query; a trailing slash is added so relative paths append.
    /// </summary>
    public static bool TryParseBaseUrl(string text, out Uri? uri, out string? problem)
    {
        uri = null;
        problem = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(parsed.Query))
        {
            problem = $"--url must be an absolute http:// or https:// address without a query, like http://localhost:5080, not \"{text}\"";
            return false;
        }
        uri = parsed.AbsoluteUri.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
        return true;
    }

    /// <summary>GET <paramref name="path"/> (relative, e.g. <c>api/indicators/360000</c>) as <typeparamref name="T"/>.</summary>
    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Relative(path)), cancellationToken)
            .ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST <paramref name="body"/> as JSON to <paramref name="path"/>; the answer read as <typeparamref name="T"/>.</summary>
    public async Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json);
        using var response = await SendAsync(() => JsonPost(path, bytes), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// POST with source-generated JSON both ways (the load run's hot path): the body is serialized once and sent with its
    /// length, the answer read with <paramref name="answerType"/>.
    /// </summary>
    public async Task<TAnswer> PostAsync<TBody, TAnswer>(string path, TBody body, JsonTypeInfo<TBody> bodyType,
        JsonTypeInfo<TAnswer> answerType, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, bodyType);
        using var response = await SendAsync(() => JsonPost(path, bytes), cancellationToken).ConfigureAwait(false);
        try
        {
            var value = await response.Content.ReadFromJsonAsync(answerType, cancellationToken).ConfigureAwait(false);
            return value
                ?? throw new ApiException((int)response.StatusCode, $"{response.RequestMessage?.RequestUri} answered an empty body");
        }
        catch (JsonException e)
        {
            throw new ApiException((int)response.StatusCode,
                $"{response.RequestMessage?.RequestUri} answered JSON this client cannot read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Opens a streaming GET (e.g. Server-Sent Events): the response is returned once its headers arrived; the caller
    /// reads and disposes it.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Relative(path));
            request.Headers.Accept.Clear();
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            return request;
        }, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        return response;
    }

    /// <summary>
    /// POSTs <paramref name="body"/> as JSON to <paramref name="path"/> for a streamed answer (e.g. newline-delimited JSON):
    /// the response is returned once its headers arrived (the client's timeout ends there); the caller reads and disposes it.
    /// </summary>
    public Task<HttpResponseMessage> OpenPostStreamAsync(string path, object body, string mediaType, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Relative(path))
            {
                Content = JsonContent.Create(body, body.GetType(), options: Json),
            };
            request.Headers.Accept.Clear();
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
            return request;
        }, cancellationToken, HttpCompletionOption.ResponseHeadersRead);

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _signIn.Dispose();
    }

    /// <summary>Sends a request (signing in first when needed); non-success answers become <see cref="ApiException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        await EnsureSignedInAsync(cancellationToken).ConfigureAwait(false);
        using var request = create();
        HttpResponseMessage response;
        try
        {
            // With ResponseHeadersRead the client's timeout ends when the headers arrive, so a stream may stay open.
            response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(0, $"cannot reach {_http.BaseAddress}: {e.Message} (无法连接服务器)", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiException(0, $"{request.Method} {request.RequestUri} timed out after {_http.Timeout.TotalSeconds:0} s (请求超时)", e);
        }
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
            }
        }
        return response;
    }

    private async Task EnsureSignedInAsync(CancellationToken cancellationToken)
    {
        if (_signedIn)
        {
            return;
        }
        await _signIn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_signedIn)
            {
                return;
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/token")
            {
                Content = JsonContent.Create(new TokenRequest(_credentials.User!, _credentials.Password!), options: Json),
            };
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new ApiException(0, $"cannot reach {_http.BaseAddress}: {e.Message} (无法连接服务器)", e);
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var failure = await ErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
                    throw new ApiException(failure.Status, $"sign-in as {_credentials.User} refused (登录失败): {failure.Message}");
                }
                var token = await ReadAsync<TokenResponse>(response, cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrEmpty(token.AccessToken))
                {
                    throw new ApiException((int)response.StatusCode, "sign-in answered without an accessToken (登录失败)");
                }
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
            }
            _signedIn = true;
        }
        finally
        {
            _signIn.Release();
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false);
            return value
                ?? throw new ApiException((int)response.StatusCode, $"{response.RequestMessage?.RequestUri} answered an empty body");
        }
        catch (JsonException e)
        {
            throw new ApiException((int)response.StatusCode,
                $"{response.RequestMessage?.RequestUri} answered JSON this client cannot read: {e.Message}", e);
        }
    }

    /// <summary>The exception for a non-success answer: problem details when the body has them, else status and text.</summary>
    private static async Task<ApiException> ErrorAsync(HttpRequestMessage request, HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var head = $"{request.Method} {request.RequestUri?.AbsolutePath} → {status} {response.ReasonPhrase}";
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return new ApiException(status, $"{head}: sign-in required or refused; give --token, env {ApiCredentials.TokenVariable}, "
                + $"or --user with env {ApiCredentials.PasswordVariable} (需要登录)");
        }
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return new ApiException(status, $"{head}: this account may not do that (无权限)");
        }
        return new ApiException(status, $"{head}: {ProblemText.Describe(text)}");
    }

    private static string Relative(string path) => path.TrimStart('/');

    // A body of known length goes out with Content-Length: no chunked encoding for the server to take apart.
    private static HttpRequestMessage JsonPost(string path, byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return new HttpRequestMessage(HttpMethod.Post, Relative(path)) { Content = content };
    }

    private sealed record TokenRequest(string Username, string Password);

    private sealed record TokenResponse(string? AccessToken, int? ExpiresIn);
}
