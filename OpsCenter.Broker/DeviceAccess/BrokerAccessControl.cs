using System.Collections.Concurrent;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace OpsCenter.Broker.DeviceAccess;

/// <summary>
/// Sign-in and topic ACL for the embedded MQTTnet broker. Also pins each client id to the first account that used
/// it, so that a device cannot connect with the Ingest's client id and take over its persistent session (and the
/// messages queued for it). Devices must also use their device id as client id (a suffix may follow), and so must the
/// simulator's account use its username (<c>opscenter-simulator-load-0</c>): it must not squat on a device's client id.
/// </summary>
public sealed partial class BrokerAccessControl(MqttAccountRegistry registry, ILogger<BrokerAccessControl> logger)
{
    private readonly ConcurrentDictionary<string, string> _clientOwners = new(StringComparer.Ordinal);

    public void AttachTo(MqttServer server)
    {
        if (!registry.Required)
        {
            LogOpen();
            return;
        }
        _ = registry.Count; // load (and fail on a bad registry) now, not at the first device
        server.ValidatingConnectionAsync += ValidateConnection;
        server.InterceptingPublishAsync += InterceptPublish;
        server.InterceptingSubscriptionAsync += InterceptSubscription;
    }

    private Task ValidateConnection(ValidatingConnectionEventArgs e)
    {
        var account = registry.Authenticate(e.UserName, e.Password);
        if (account is null)
        {
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            LogRejected(e.UserName ?? "(none)", e.ClientId);
            return Task.CompletedTask;
        }
        // A device's client id is its device id, optionally with a suffix ("cam-1" or "cam-1-scn"); the same for the
        // simulator's account ("opscenter-simulator-accident-0"). Only Ingest and the Server choose freely.
        var deviceClientId = account.IsService || e.ClientId == account.Username
            || e.ClientId.StartsWith(account.Username + "-", StringComparison.Ordinal);
        if (!deviceClientId || !string.Equals(_clientOwners.GetOrAdd(e.ClientId, account.Username), account.Username, StringComparison.Ordinal))
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            LogClientIdTaken(account.Username, e.ClientId);
        }
        return Task.CompletedTask;
    }

    private Task InterceptPublish(InterceptingPublishEventArgs e)
    {
        // Messages the Server injects itself have no client.
        if (string.IsNullOrEmpty(e.ClientId))
            return Task.CompletedTask;
        var account = registry.Find(e.UserName);
        if (account is null || !TopicAcl.MayPublish(account, e.ApplicationMessage.Topic))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MQTTnet.Protocol.MqttPubAckReasonCode.NotAuthorized;
            LogPublishDenied(e.UserName ?? "(none)", e.ApplicationMessage.Topic);
        }
        return Task.CompletedTask;
    }

    private Task InterceptSubscription(InterceptingSubscriptionEventArgs e)
    {
        var account = registry.Find(e.UserName);
        if (account is null || !TopicAcl.MaySubscribe(account, e.TopicFilter.Topic))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            LogSubscribeDenied(e.UserName ?? "(none)", e.TopicFilter.Topic);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker accepts anonymous clients and any topic (Broker:RequireDeviceCredentials=false)")]
    private partial void LogOpen();

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT sign-in refused for {Username} (client {ClientId})")]
    private partial void LogRejected(string username, string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT client id {ClientId} belongs to another account; refused {Username}")]
    private partial void LogClientIdTaken(string username, string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT publish by {Username} to {Topic} denied")]
    private partial void LogPublishDenied(string username, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT subscription by {Username} to {Filter} denied")]
    private partial void LogSubscribeDenied(string username, string filter);
}
