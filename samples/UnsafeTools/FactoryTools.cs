using System.Collections.Generic;
using System.Reflection;
using AgentSafety;
using Microsoft.Extensions.AI;

namespace UnsafeTools;

/// <summary>Tools registered through <c>AIFunctionFactory.Create</c>, in each form the analyzers follow.</summary>
public static class FactoryTools
{
    public static string ReadFile(string path) => $"contents of {path}";

    [PublicTool("Returns the server's clock, which every caller may see")]
    public static string CurrentTime() => "12:00";

    public static string DeleteFile(string path) => $"deleted {path}";

    public static IList<AITool> Create()
    {
        MethodInfo purge = typeof(FactoryTools).GetMethod(nameof(Purge))!;
        return
        [
            AIFunctionFactory.Create(ReadFile),                                  // AS1001: method group
            AIFunctionFactory.Create(CurrentTime),                               // declared public
            AIFunctionFactory.Create((string command) => $"ran {command}"),      // AS1001: lambda
            AIFunctionFactory.Create(
                [PublicTool("Echoes the text back")] (string text) => text),     // declared lambda
            AIFunctionFactory.Create(Shutdown, name: "shutdown"),                // AS1001: local function
            AIFunctionFactory.Create(typeof(FactoryTools).GetMethod(nameof(DeleteFile))!, target: null), // AS1001
            AIFunctionFactory.Create(purge, target: null),                       // not followed: a variable
        ];

        static string Shutdown(string reason) => $"shutting down: {reason}";
    }

    public static string Purge() => "purged";
}
