package dev.cellmonitor.cutover.backend.admin.auth;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Supplies {@link CurrentInstructor} parameters, so declaring one is what makes a route authenticated. */
class CurrentInstructorResolver implements HandlerMethodArgumentResolver {

    private final BearerAuthentication authentication;

    CurrentInstructorResolver(BearerAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentInstructor.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return authentication.authenticate(webRequest.getHeader(HttpHeaders.AUTHORIZATION));
    }
}
