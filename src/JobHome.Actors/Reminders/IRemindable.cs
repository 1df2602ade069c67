namespace JobHome.Actors.Reminders;

/// <summary>Implemented by grains that register durable reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Receives a reminder tick. Ticks may be missed (silo down) or repeated (crash after delivery): handlers must tolerate both.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
