namespace BackCare.Bot.Hosting;

/// <summary>
/// A few idle instances of something costly to make that one caller uses at a time (a lexicon pattern's regex, a
/// SQLite connection with its prepared statements): <see cref="Rent"/> takes one or makes one, <see cref="Return"/>
/// keeps it for the next caller, or disposes it (when it is disposable) once enough are kept. Lock-free; after
/// <see cref="Close"/>, nothing is kept.
/// </summary>
/// <typeparam name="T">What is kept.</typeparam>
/// <param name="slots">How many are kept at most.</param>
/// <param name="make">Makes one when none is idle.</param>
public sealed class IdleInstances<T>(int slots, Func<T> make)
    where T : class
{
    private readonly T?[] _idle = new T?[slots];
    private bool _closed;

    /// <summary>An idle instance, or a new one.</summary>
    /// <returns>The instance, for one caller until it is returned.</returns>
    public T Rent()
    {
        for (var i = 0; i < _idle.Length; i++)
        {
            if (Interlocked.Exchange(ref _idle[i], null) is { } idle)
            {
                return idle;
            }
        }

        return make();
    }

    /// <summary>Keeps an instance for the next caller (or disposes it, when enough are kept or the pool is closed).</summary>
    /// <param name="instance">The instance.</param>
    public void Return(T instance)
    {
        for (var i = 0; !Volatile.Read(ref _closed) && i < _idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _idle[i], instance, null) is null)
            {
                // Closed meanwhile: whatever is in this slot now is let go here, this instance included.
                if (Volatile.Read(ref _closed) && Interlocked.Exchange(ref _idle[i], null) is { } late)
                {
                    (late as IDisposable)?.Dispose();
                }

                return;
            }
        }

        (instance as IDisposable)?.Dispose();
    }

    /// <summary>Lets every kept instance go, disposing the disposable ones; nothing is kept from now on.</summary>
    public void Close()
    {
        Volatile.Write(ref _closed, true);
        for (var i = 0; i < _idle.Length; i++)
        {
            (Interlocked.Exchange(ref _idle[i], null) as IDisposable)?.Dispose();
        }
    }
}
