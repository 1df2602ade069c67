namespace JobHome.Grains;

/// <summary>
/// A command's outcome with the record's view after it (null unless the command succeeded): one grain call where a
/// caller that answers with the stored record (the HTTP API's 201 and 200) used to make two. The alias of a generic
/// type carries its arity (<c>`1</c>): without it a client outside the silo cannot read the answer's type name.
/// </summary>
/// <typeparam name="TView">The record's view.</typeparam>
[GenerateSerializer, Immutable, Alias("jobhome.command-answer`1")]
public sealed record CommandAnswer<TView>(
    [property: Id(0)] CommandResult Result,
    [property: Id(1)] TView? View)
    where TView : class;
