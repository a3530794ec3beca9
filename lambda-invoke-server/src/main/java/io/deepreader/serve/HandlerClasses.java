package io.deepreader.serve;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

/** Turns a Lambda handler string ({@code com.x.Handler} or {@code com.x.Handler::handleRequest}) into a factory. */
public final class HandlerClasses {

    private HandlerClasses() {
    }

    public static Supplier<RequestStreamHandler> factory(String handler, ClassLoader loader) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("handler class not found: " + className, e);
        }
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " does not implement " + RequestStreamHandler.class.getName());
        }
        Class<? extends RequestStreamHandler> handlerType = type.asSubclass(RequestStreamHandler.class);
        try {
            handlerType.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " needs a public no-argument constructor, as Lambda requires", e);
        }
        return () -> {
            try {
                return handlerType.getConstructor().newInstance();
            } catch (InvocationTargetException e) {
                throw new HandlerInitException(className, e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new HandlerInitException(className, e);
            }
        };
    }
}
