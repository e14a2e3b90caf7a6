namespace Broadcast.Scheduling.Storage;

/// <summary>The lower-case spellings of <see cref="SlotStatus"/> in the ledger table and the API.</summary>
internal static class SlotStatusNames
{
    public static string Name(SlotStatus status) => status switch
    {
        SlotStatus.Starting => "starting",
        SlotStatus.Aired => "aired",
        SlotStatus.Late => "late",
        SlotStatus.Missed => "missed",
        SlotStatus.Refused => "refused",
        SlotStatus.Skipped => "skipped",
        SlotStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static SlotStatus Parse(string name) =>
        Enum.GetValues<SlotStatus>().FirstOrDefault(s => Name(s) == name, SlotStatus.Failed);
}
