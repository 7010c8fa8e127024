using Microsoft.AspNetCore.SignalR;
using OpsCenter.Contracts.Hubs;
using OpsCenter.Server.Live;

namespace OpsCenter.Server.Hubs;

/// <summary>Wall screens connect here; they only listen. A new screen gets the current picture at once.</summary>
public sealed class WallHub(LiveCityState state) : Hub<IWallClient>
{
    public override async Task OnConnectedAsync()
    {
        await Clients.Caller.WallUpdated(WallSnapshotBuilder.Build(state.Capture(), state.Inventory.Areas));
        await base.OnConnectedAsync();
    }
}
