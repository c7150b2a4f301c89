package io.orderhub.pipeline;

import com.dashjoin.jsonata.Jsonata;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;

/**
 * A JSONata expression parsed once and evaluated any number of times, from any thread. The library (dashjoin 0.9.9)
 * does not allow that of its own compiled instance: an evaluation leaves its innermost frame as the environment of
 * the thread's last compiled instance, the next evaluation starts from there, and lookups slow down with every
 * message until a StackOverflowError (CompiledJsonataComponentTest). So each evaluation runs on a copy that shares the
 * parsed syntax tree and starts from the environment the parse made, through the library's copy constructor and field,
 * which are not public.
 */
public final class CompiledJsonata {

    private static final MethodHandle COPY;
    private static final MethodHandle ENVIRONMENT;
    private static final MethodHandle SET_ENVIRONMENT;

    static {
        try {
            Constructor<Jsonata> copy = Jsonata.class.getDeclaredConstructor(Jsonata.class);
            copy.setAccessible(true);
            Field environment = Jsonata.class.getDeclaredField("environment");
            environment.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COPY = lookup.unreflectConstructor(copy);
            ENVIRONMENT = lookup.unreflectGetter(environment);
            SET_ENVIRONMENT = lookup.unreflectSetter(environment);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("the JSONata library changed its internals (see this class): " + e);
        }
    }

    private final Jsonata expression;
    private final Jsonata.Frame environment;

    private CompiledJsonata(Jsonata expression, Jsonata.Frame environment) {
        this.expression = expression;
        this.environment = environment;
    }

    /** Parses the expression; a syntax error is the library's {@code JException}. */
    public static CompiledJsonata compile(String source) {
        Jsonata expression = Jsonata.jsonata(source);
        return new CompiledJsonata(expression,
                (Jsonata.Frame) invoke(() -> (Jsonata.Frame) ENVIRONMENT.invokeExact(expression)));
    }

    /** The expression's result for this input (plain maps, lists and values), as the library gives it. */
    public Object evaluate(Object input) {
        Jsonata evaluation = (Jsonata) invoke(() -> {
            Jsonata copy = (Jsonata) COPY.invokeExact(expression);
            SET_ENVIRONMENT.invokeExact(copy, environment);
            return copy;
        });
        return evaluation.evaluate(input, evaluation.createFrame());
    }

    private interface Call {
        Object call() throws Throwable;
    }

    private static Object invoke(Call call) {
        try {
            return call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
