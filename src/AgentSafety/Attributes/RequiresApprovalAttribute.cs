namespace AgentSafety;

/// <summary>
/// Declares that a person must approve each call on their own device (OpenID CIBA or another
/// <see cref="IApprovalGate"/>) before it runs. The model cannot grant the approval.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RequiresApprovalAttribute : Attribute
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="bindingMessage">
    /// The message shown on the approving device. <c>{name}</c> inserts the value of the tool parameter
    /// <c>name</c>; the result is sanitised to what approval providers accept.
    /// </param>
    public RequiresApprovalAttribute(string bindingMessage) => BindingMessage = bindingMessage;

    /// <summary>The binding message template.</summary>
    public string BindingMessage { get; }
}
