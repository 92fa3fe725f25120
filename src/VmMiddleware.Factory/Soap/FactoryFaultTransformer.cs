using System.ServiceModel;
using System.ServiceModel.Channels;
using SoapCore;
using SoapCore.Extensibility;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Soap;

/// <summary>Turns the operations' faults into SOAP 1.1 faults with an unqualified faultcode element (as SOAP 1.1 says; Python's zeep reads no other) and never a stack trace.</summary>
internal sealed class FactoryFaultTransformer : IFaultExceptionTransformer
{
    /// <inheritdoc/>
    public Message ProvideFault(Exception exception, MessageVersion messageVersion, Message requestMessage, ConcurrentXmlNamespaceLookup xmlNamespaceManager)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (code, reason) = Unwrap(exception) is FaultException fault
            ? (fault.Code is { IsSenderFault: false, IsReceiverFault: false } c && c.Namespace == FactoryNames.Namespace ? new FaultCode(c.Name, FactoryNames.Namespace) : fault.Code, fault.Reason)
            : (new FaultCode("InternalError", FactoryNames.Namespace), new FaultReason("internal error: " + exception.GetType().Name + ": " + exception.Message));
        return Message.CreateMessage(messageVersion, code, reason.ToString(), (string?)null);
    }

    private static Exception Unwrap(Exception exception) =>
        exception is System.Reflection.TargetInvocationException { InnerException: { } inner } ? Unwrap(inner)
        : exception is AggregateException { InnerExceptions: [var single] } ? Unwrap(single)
        : exception;
}
