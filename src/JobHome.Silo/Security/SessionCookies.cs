namespace JobHome.Silo.Security;

/// <summary>The dashboard's sign-in cookies: the HttpOnly session token and the readable XSRF value.</summary>
internal static class SessionCookies
{
    /// <summary>The HttpOnly cookie carrying the session token.</summary>
    public const string AuthCookie = "jobhome.auth";

    /// <summary>The readable cookie whose value the dashboard echoes in <c>X-XSRF-TOKEN</c>.</summary>
    public const string XsrfCookie = "XSRF-TOKEN";

    /// <summary>Sets both cookies on the response.</summary>
    public static void Write(HttpContext context, string token, string xsrf, TimeSpan lifetime)
    {
        var secure = context.Request.IsHttps;
        context.Response.Cookies.Append(AuthCookie, token, new CookieOptions
        {
            HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = lifetime, IsEssential = true,
        });
        context.Response.Cookies.Append(XsrfCookie, xsrf, new CookieOptions
        {
            HttpOnly = false, Secure = secure, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = lifetime, IsEssential = true,
        });
        context.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>Deletes both cookies.</summary>
    public static void Clear(HttpContext context)
    {
        context.Response.Cookies.Delete(AuthCookie, new CookieOptions { Path = "/" });
        context.Response.Cookies.Delete(XsrfCookie, new CookieOptions { Path = "/" });
    }

    /// <summary>A new random XSRF value.</summary>
    public static string NewXsrf() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
