package io.emporium.query.product;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.emporium.support.web.InvalidParameterException;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads a search's query parameters into {@link ProductSearchController.SearchParameters}, one per record component of
 * the same name, with Spring's conversions (an empty value is no value). Spring's own constructor binding reads the
 * record's parameter annotations (the OpenAPI descriptions) afresh on every request: 29% of the query service's CPU in
 * a search, by the bench's profile; here the record is looked at once. Lists come from repeated parameters only
 * ({@code brand=a&brand=b}), as documented; a value with a comma stays whole.
 */
@Component
class SearchParametersBinding implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private static final Class<ProductSearchController.SearchParameters> TARGET = ProductSearchController.SearchParameters.class;
    private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();
    /** What a value of each converted type must look like, for the 400 answer. */
    private static final Map<Class<?>, String> EXPECTED = Map.of(BigDecimal.class, "a number", Boolean.class, "true or false",
            Integer.class, "a whole number");

    private final RecordComponent[] parameters = TARGET.getRecordComponents();
    private final Constructor<ProductSearchController.SearchParameters> constructor;

    SearchParametersBinding() throws NoSuchMethodException {
        constructor = TARGET.getDeclaredConstructor(Arrays.stream(parameters).map(RecordComponent::getType).toArray(Class<?>[]::new));
        constructor.setAccessible(true);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == TARGET;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) throws ReflectiveOperationException {
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            values[i] = value(request, parameters[i].getName(), parameters[i].getType());
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw e;
        }
    }

    private static Object value(NativeWebRequest request, String name, Class<?> type) {
        if (type == List.class) {
            String[] values = request.getParameterValues(name);
            return values == null ? null : List.of(values);
        }
        String value = request.getParameter(name);
        if (type == String.class) return value;
        if (value == null || value.isBlank()) return null;
        try {
            return CONVERSIONS.convert(value.trim(), type);
        } catch (ConversionException e) {
            throw new InvalidParameterException(name, name + " must be " + EXPECTED.getOrDefault(type, "of type " + type.getSimpleName()));
        }
    }
}
