using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>Small client-side helpers the factory tests share.</summary>
internal static class FactoryClientTesting
{
    /// <summary>Waits (WaitTicket, generous deadline) until <paramref name="ticket"/> is final.</summary>
    public static async Task<TicketStatus> WaitAsync(IImageFactory client, TicketStatus ticket, int minutes = 20)
    {
        var deadline = DateTime.UtcNow.AddMinutes(minutes);
        while (!TicketStates.IsFinal(ticket.State) && DateTime.UtcNow < deadline)
        {
            ticket = await client.WaitTicketAsync(ticket.TicketId, 30);
        }

        return ticket;
    }
}
