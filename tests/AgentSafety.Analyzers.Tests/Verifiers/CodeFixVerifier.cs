using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AgentSafety.Analyzers.Tests.Verifiers;

/// <summary>Runs one analyzer and one fixer over markup source with the agent frameworks referenced.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Applies the fix registered under <paramref name="equivalenceKey"/>, one by one and as Fix All.
    /// </summary>
    public static Task VerifyAsync(string source, string fixedSource, string equivalenceKey)
    {
        var test = new Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        return test.RunAsync();
    }

    /// <summary>Checks that no fix with <paramref name="equivalenceKey"/> is offered.</summary>
    public static Task VerifyNoFixAsync(string source, string equivalenceKey)
    {
        var test = new Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        return test.RunAsync();
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.Assemblies);
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
        }

        /// <summary>Compiles without the AgentSafety runtime, as a project that has not adopted it yet.</summary>
        public bool WithoutAgentSafety
        {
            init
            {
                if (value)
                    TestState.AdditionalReferences.RemoveAll(TestReferences.IsAgentSafetyRuntime);
            }
        }
    }
}
