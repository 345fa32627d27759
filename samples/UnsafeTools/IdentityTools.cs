using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using AgentSafety;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace UnsafeTools;

/// <summary>Tools that let the model say who the user is or what they may do.</summary>
public static class IdentityTools
{
    [PublicTool("Greets the caller by name")]
    public static string Greet(ClaimsPrincipal user) => $"hello {user.Identity?.Name}";               // AS1002

    [PublicTool("Reads a catalogue entry")]
    public static string Catalogue(string key, [FromKeyedServices("catalogue")] ICatalogue catalogue) // AS1004
        => catalogue.Read(key);

    public static IList<AITool> Create() =>
    [
        AIFunctionFactory.Create(Greet),
        AIFunctionFactory.Create(Catalogue),
    ];
}

/// <summary>A catalogue the tool should get from dependency injection, not from the model.</summary>
public interface ICatalogue
{
    string Read(string key);
}

/// <summary>A Semantic Kernel plugin that filters orders by a user id the model supplies.</summary>
public sealed partial class OrderPlugin
{
    private static readonly List<(string UserId, string Item)> Orders = [("anne", "book"), ("bob", "lamp")];

    [KernelFunction]
    [RequiresPermission("orders:read")]
    public string[] MyOrders(string userId) =>                                                       // AS1003
        Orders.Where(order => order.UserId == userId).Select(order => order.Item).ToArray();

    // The filter sits in a helper, and decides whose orders are counted all the same.
    [KernelFunction]
    [RequiresPermission("orders:read")]
    public int OrderCount(string ownerId) => OwnedBy(ownerId).Count();                                // AS1003

    private static IEnumerable<string> OwnedBy(string owner) =>
        Orders.Where(order => order.UserId == owner).Select(order => order.Item);
}
