using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// The two descriptors of one credential rule, alike but for when they are reported: a finding in the tool's own
/// file while that file is analyzed, one reached only from a tool in another file at the end of the compilation
/// (tagged so, which tells an IDE it needs the whole project).
/// </summary>
internal sealed class CredentialRule
{
    public CredentialRule(DiagnosticDescriptor inToolFile, DiagnosticDescriptor inOtherFile)
    {
        InToolFile = inToolFile;
        InOtherFile = inOtherFile;
    }

    public DiagnosticDescriptor InToolFile { get; }

    public DiagnosticDescriptor InOtherFile { get; }
}
