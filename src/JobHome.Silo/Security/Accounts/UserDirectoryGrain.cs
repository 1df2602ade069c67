using JobHome.Storage;

namespace JobHome.Silo.Security.Accounts;

/// <summary>The account directory (a few thousand entries at most: one per operator).</summary>
public sealed class UserDirectoryGrain(
    [PersistentState("user-directory", StorageNames.Default)] IPersistentState<UserDirectoryState> state) : Grain, IUserDirectoryGrain
{
    /// <inheritdoc />
    public async Task PutAsync(UserEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = entry.Username.ToLowerInvariant();
        if (state.State.Users.TryGetValue(key, out var existing) && existing == entry)
        {
            return;
        }
        state.State.Users[key] = entry;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<UserEntry[]> ListAsync() =>
        Task.FromResult(state.State.Users.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value).ToArray());
}
