using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OpsCenter.Contracts.Hubs;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Wall;

/// <summary>
/// Wall screens connect here; they only listen. A new screen gets the current picture at once. The snapshot holds
/// aggregate KPIs only, never personal data, so every signed-in person (and the wall role) may watch it.
/// </summary>
[Authorize(Roles = Roles.AnyPerson)]
public sealed class WallHub(WallFreshness freshness) : Hub<IWallClient>
{
    public override async Task OnConnectedAsync()
    {
        await Clients.Caller.WallUpdated(freshness.Snapshot());
        await base.OnConnectedAsync();
    }
}
