using System.Reflection;
using JobHome.Actors.Reminders;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.Activation;

/// <summary>What the runtime knows about a registered grain class (read once by reflection at registration).</summary>
internal sealed class GrainClassInfo
{
    private readonly ConstructorInfo _constructor;
    private readonly ParameterInfo[] _parameters;
    private readonly (string Name, Type StateType)?[] _stateParameters;

    public GrainClassInfo(Type classType, string grainTypeName)
    {
        ClassType = classType;
        GrainTypeName = classType.GetCustomAttribute<GrainTypeNameAttribute>()?.Name ?? grainTypeName;
        IsReentrant = classType.GetCustomAttribute<ReentrantAttribute>() is not null;
        var worker = classType.GetCustomAttribute<StatelessWorkerAttribute>();
        IsStatelessWorker = worker is not null;
        MaxLocalWorkers = worker is null ? 1 : worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : Environment.ProcessorCount;
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);
        ImplicitSubscriptions = [.. classType.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(a => a.StreamNamespace)];
        StreamItemTypes = [.. classType.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStreamConsumer<>))
            .Select(i => i.GetGenericArguments()[0])];
        if (ImplicitSubscriptions.Count > 0 && StreamItemTypes.Count != 1)
        {
            throw new InvalidOperationException($"{classType} has [ImplicitStreamSubscription] and must implement IStreamConsumer<T> for exactly one T.");
        }

        var constructors = classType.GetConstructors();
        if (constructors.Length != 1)
        {
            throw new InvalidOperationException($"Grain class {classType} must have exactly one public constructor.");
        }

        _constructor = constructors[0];
        _parameters = _constructor.GetParameters();
        _stateParameters = new (string, Type)?[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            var attribute = _parameters[i].GetCustomAttribute<PersistentStateAttribute>();
            if (attribute is null)
            {
                continue;
            }

            var type = _parameters[i].ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException($"[PersistentState] parameter {_parameters[i].Name} of {classType} must be IPersistentState<T>.");
            }

            _stateParameters[i] = (attribute.StateName, type.GetGenericArguments()[0]);
        }
    }

    public Type ClassType { get; }

    public string GrainTypeName { get; }

    public bool IsReentrant { get; }

    public bool IsStatelessWorker { get; }

    public int MaxLocalWorkers { get; }

    public bool IsRemindable { get; }

    public IReadOnlyList<string> ImplicitSubscriptions { get; }

    public IReadOnlyList<Type> StreamItemTypes { get; }

    public bool HasPersistentState => _stateParameters.Any(p => p is not null);

    /// <summary>Creates the grain object, resolving services from DI and creating its persistent states.</summary>
    public object CreateInstance(ActivationData activation, IServiceProvider services, List<IPersistentStateLoader> states)
    {
        var args = new object?[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (_stateParameters[i] is { } state)
            {
                var key = new GrainStateKey(GrainTypeName, activation.Id.Key, state.Name);
                var instance = (IPersistentStateLoader)Activator.CreateInstance(
                    typeof(PersistentState<>).MakeGenericType(state.StateType),
                    key,
                    activation.Runtime.Storage,
                    activation.Runtime.Serializer)!;
                states.Add(instance);
                args[i] = instance;
            }
            else if (_parameters[i].HasDefaultValue)
            {
                args[i] = services.GetService(_parameters[i].ParameterType) ?? _parameters[i].DefaultValue;
            }
            else
            {
                args[i] = services.GetRequiredService(_parameters[i].ParameterType);
            }
        }

        return _constructor.Invoke(args);
    }
}
