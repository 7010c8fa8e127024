using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Broker.DeviceAccess;

/// <summary>
/// What a device may do on the broker: publish <c>ops/v1/{its kind}/{its id}/(telemetry|event|status)</c>, subscribe
/// to <c>ops/v1/{its kind}/{its id}/command</c>, nothing else. Ingest's account is the only one that reads every device
/// topic; both services write the internal topics (<c>opscenter/v1/#</c>), and only the Server sends device commands. The simulator's
/// account may publish anywhere under <c>ops/v1/</c> (it speaks for many devices, and its bad-input storm needs malformed
/// device topics too) but never to internal topics such as <c>opscenter/v1/#</c>, and may subscribe to nothing.
/// </summary>
public static class TopicAcl
{
    public const string CommandChannel = "command";
    public static readonly IReadOnlyList<string> PublishChannels = [.. Enum.GetValues<DeviceChannel>().Select(c => c.ToWire())];

    public static bool MayPublish(MqttAccount account, string topic)
    {
        if (account.IsService)
            return IsInternal(topic) || (account.Username == ServiceAccounts.Server && IsCommand(topic));
        if (account.IsSimulator)
            return topic.StartsWith(DeviceTopic.Prefix, StringComparison.Ordinal);
        var prefix = OwnPrefix(account);
        return topic.StartsWith(prefix, StringComparison.Ordinal) && PublishChannels.Contains(topic[prefix.Length..]);
    }

    public static bool MaySubscribe(MqttAccount account, string filter) => account.IsService
        ? account.Username == ServiceAccounts.Ingest || IsInternal(filter)
        : !account.IsSimulator && string.Equals(filter, CommandTopic(account), StringComparison.Ordinal);

    private static bool IsInternal(string topicOrFilter) => topicOrFilter.StartsWith(InternalTopics.Root, StringComparison.Ordinal);

    private static bool IsCommand(string topic) =>
        topic.StartsWith(DeviceTopic.Prefix, StringComparison.Ordinal) && topic.EndsWith("/" + CommandChannel, StringComparison.Ordinal);

    public static string OwnPrefix(MqttAccount account) => $"{DeviceTopic.Prefix}{account.Kind}/{account.Username}/";

    public static string CommandTopic(MqttAccount account) => OwnPrefix(account) + CommandChannel;
}
