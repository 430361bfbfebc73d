using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// The signed-in <see cref="Caller"/> as a root-level cascading value, built once per circuit or request instead of in
/// every component. Components take <c>[CascadingParameter] Caller? Caller</c>; an <c>[Authorize]</c>d page (and the
/// dialogs and parts only it renders) may take it as non-null, as the router lets only a signed-in user reach it.
/// Services still check that this caller is active and allowed on every call (<see cref="ActiveCallers"/>).
/// </summary>
public static class CascadingCaller
{
    public static IServiceCollection AddCascadingCaller(this IServiceCollection services) =>
        services.AddCascadingValue<Caller?>(sp => CallerSource.For(sp.GetRequiredService<AuthenticationStateProvider>()));

    /// <summary>
    /// Scoped like the provider it listens to: one per circuit or request, disposed with it, which ends the subscription.
    /// </summary>
    private sealed class CallerSource : CascadingValueSource<Caller?>, IDisposable
    {
        private readonly AuthenticationStateProvider authentication;
        private Caller? current;

        private CallerSource(AuthenticationStateProvider authentication, Func<Caller?> firstValue)
            : base(firstValue, isFixed: false)
        {
            this.authentication = authentication;
            authentication.AuthenticationStateChanged += OnChanged;
        }

        // The renderer builds its cascading values before the host hands the user to the provider (a server provider
        // throws if asked that early), so the first value is read when a component first asks for it.
        public static CallerSource For(AuthenticationStateProvider authentication)
        {
            CallerSource? source = null;
            source = new CallerSource(authentication, () => source!.First());
            return source;
        }

        private Caller? First()
        {
            var state = authentication.GetAuthenticationStateAsync();
            if (state.IsCompletedSuccessfully) return current = Caller.From(state.Result.User);
            _ = UpdateAsync(state);
            return null;
        }

        private void OnChanged(Task<AuthenticationState> changed) => _ = UpdateAsync(changed);

        // A circuit whose sign-in ends (a deactivated account at revalidation) keeps the caller it had, so no component
        // sees its caller turn null mid-page: the router sends the page to sign-in, and services refuse that caller as
        // no longer active. A failed lookup reaches the router through the cascading authentication state instead.
        private async Task UpdateAsync(Task<AuthenticationState> changed)
        {
            await ((Task)changed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!changed.IsCompletedSuccessfully || Caller.From(changed.Result.User) is not { } caller) return;
            if (current is not null && SameAs(current, caller)) return;
            current = caller;
            await NotifyChangedAsync(caller);
        }

        // Caller's record equality compares the role set by reference; a reconnecting circuit hands over the same user.
        private static bool SameAs(Caller a, Caller b) =>
            a.UserId == b.UserId && a.DisplayName == b.DisplayName && a.StoreId == b.StoreId && a.Roles.SetEquals(b.Roles);

        public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
    }
}
