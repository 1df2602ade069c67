using JobHome.Domain.Validation;
using JobHome.Grains.Sites;
using JobHome.Silo.Api.Auth;
using JobHome.Silo.Security;
using JobHome.Silo.Security.Accounts;
using JobHome.Silo.Security.Tokens;

namespace JobHome.Silo.Api.Users;

/// <summary><c>/api/users</c>: accounts (admin), and one's own password.</summary>
internal static class UserEndpoints
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinPasswordLength = 10;

    /// <summary>Longest password accepted.</summary>
    public const int MaxPasswordLength = 256;

    private const string PasswordRule = "password (密码): 10–256 characters";

    /// <summary>Maps the endpoints onto <paramref name="api"/>.</summary>
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Accounts");
        users.MapPost("/",
            CreateAsync).WithSummary("Creates an account bound to a site (admin).").Produces<UserResponse>(StatusCodes.Status201Created);
        users.MapGet("/", ListAsync).WithSummary("Every account (admin); never a password hash.").Produces<UserResponse[]>();
        users.MapPost("/{username}/disable", DisableAsync).WithSummary("Disables an account (admin); its tokens stop working.")
            .Produces<UserResponse>();
        users.MapPost("/{username}/password", ResetAsync).WithSummary("Sets a new password (admin); unlocks and enables the account.")
            .Produces<UserResponse>();
        users.MapPost("/me/password", ChangeOwnAsync).WithSummary("Changes one's own password (current password required).")
            .Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> CreateAsync(NewUserRequest request, IGrainFactory grains)
    {
        var checks = new FieldChecks();
        var name = AccountNames.Normalize(request.Username);
        if (name is null)
        {
            checks.Add("username", Short(request.Username), "is not a valid account name", AccountNames.Rule);
        }
        CheckPassword(checks, "password", request.Password);
        if (!Roles.IsKnown(request.Role))
        {
            checks.Add("role", Short(request.Role), $"must be one of {string.Join(", ", Roles.All)}", "roles (角色)");
        }
        else if (request.Role != Roles.Admin && string.IsNullOrWhiteSpace(request.SiteCode))
        {
            checks.Add("siteCode", string.Empty, "is required for every role but admin", "scope (管辖范围): the account's site");
        }
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        var site = request.Role == Roles.Admin ? null : request.SiteCode!.Trim();
        if (site is not null && await grains.GetGrain<ISiteGrain>(site).GetAsync() is null)
        {
            return ApiResults.NotFound("siteCode", site);
        }
        var grain = grains.GetGrain<IUserAccountGrain>(name!);
        if (!await grain.CreateAsync(new NewAccount(name!, request.Password!, request.Role!, site)))
        {
            return ApiResults.From(Grains.CommandResult.Conflict(null, "username", name!, "is already taken (账号已存在)", AccountNames.Rule),
                _ => TypedResults.Ok());
        }
        await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).PutAsync(new UserEntry(name!, request.Role!, site));
        return TypedResults.Created($"/api/users/{name}", UserResponse.From((await grain.GetAsync())!));
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var entries = await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).ListAsync();
        var views = await Task.WhenAll(entries.Select(e => grains.GetGrain<IUserAccountGrain>(e.Username.ToLowerInvariant()).GetAsync()));
        return TypedResults.Ok(new { items = views.OfType<UserAccountView>().Select(UserResponse.From).ToArray() });
    }

    private static async Task<IResult> DisableAsync(string username, IGrainFactory grains, TokenAcceptanceCache tokens)
    {
        var name = AccountNames.Normalize(username);
        var grain = name is null ? null : grains.GetGrain<IUserAccountGrain>(name);
        if (grain is null || !await tokens.ChangingAsync(name!, grain.DisableAsync))
        {
            return ApiResults.NotFound("username", Short(username));
        }
        return TypedResults.Ok(UserResponse.From((await grain.GetAsync())!));
    }

    private static async Task<IResult> ResetAsync(string username, PasswordRequest request, IGrainFactory grains,
        TokenAcceptanceCache tokens)
    {
        var checks = new FieldChecks();
        CheckPassword(checks, "password", request.Password);
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        var name = AccountNames.Normalize(username);
        var grain = name is null ? null : grains.GetGrain<IUserAccountGrain>(name);
        if (grain is null || !await tokens.ChangingAsync(name!, () => grain.ResetPasswordAsync(request.Password!)))
        {
            return ApiResults.NotFound("username", Short(username));
        }
        return TypedResults.Ok(UserResponse.From((await grain.GetAsync())!));
    }

    private static async Task<IResult> ChangeOwnAsync(PasswordRequest request, HttpContext context, IGrainFactory grains,
        TokenAcceptanceCache tokens)
    {
        var caller = Caller.From(context.User)!;
        var checks = new FieldChecks();
        checks.Text("currentPassword", request.CurrentPassword, "password (密码)");
        CheckPassword(checks, "newPassword", request.NewPassword);
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        if (!await tokens.ChangingAsync(caller.Username,
            () => grains.GetGrain<IUserAccountGrain>(caller.Username).ChangePasswordAsync(request.CurrentPassword!, request.NewPassword!)))
        {
            return ApiResults.Invalid([new FieldError("currentPassword", string.Empty, "is wrong", "password (密码)")]);
        }
        return TypedResults.NoContent();
    }

    private static void CheckPassword(FieldChecks checks, string field, string? password)
    {
        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            checks.Add(field, string.Empty, $"must be {MinPasswordLength}–{MaxPasswordLength} characters", PasswordRule);
        }
    }

    /// <summary>Echoes a name only when it has the shape of one (a mistyped ID number is never echoed).</summary>
    private static string Short(string? value) => AccountNames.Normalize(value) ?? "(not an account name)";
}
