namespace AgentSafety.Analyzers.ToolModel;

/// <summary>The ways a .NET method or type becomes a tool an LLM can call.</summary>
internal enum ToolShape
{
    /// <summary>
    /// The target of a factory call: <c>AIFunctionFactory.Create</c>, <c>KernelFunctionFactory.CreateFromMethod</c>
    /// or <c>McpServerTool.Create</c>, given a method group, lambda, local function or a statically known
    /// <c>MethodInfo</c>. See <see cref="AgentTool.Factory"/>.
    /// </summary>
    FactoryTarget,

    /// <summary>A method with Semantic Kernel's <c>[KernelFunction]</c>.</summary>
    KernelFunction,

    /// <summary>A method with the MCP SDK's <c>[McpServerTool]</c>.</summary>
    McpServerTool,

    /// <summary>A class that derives from <c>Microsoft.Extensions.AI.AIFunction</c> and runs a tool itself.</summary>
    AIFunctionSubclass,
}

/// <summary>The factory a <see cref="ToolShape.FactoryTarget"/> tool is registered through.</summary>
internal enum ToolFactory
{
    /// <summary>The tool is declared, not created by a factory call.</summary>
    None,

    /// <summary><c>Microsoft.Extensions.AI.AIFunctionFactory.Create</c>.</summary>
    AIFunctionFactory,

    /// <summary><c>Microsoft.SemanticKernel.KernelFunctionFactory.CreateFromMethod</c>.</summary>
    KernelFunctionFactory,

    /// <summary><c>ModelContextProtocol.Server.McpServerTool.Create</c>.</summary>
    McpServerTool,
}
