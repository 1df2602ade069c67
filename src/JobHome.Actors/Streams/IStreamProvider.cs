namespace JobHome.Actors.Streams;

/// <summary>Hands out durable streams (from DI, or <c>GetStreamProvider()</c> inside a grain).</summary>
public interface IStreamProvider
{
    /// <summary>The stream (<paramref name="streamNamespace"/>, <paramref name="key"/>) carrying <typeparamref name="T"/> events.</summary>
    IAsyncStream<T> GetStream<T>(string streamNamespace, string key);
}
