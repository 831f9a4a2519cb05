package fr.interopsr.provider;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method under {@code /api/} that may change data (any method but GET and HEAD), together with
 * {@code @Transactional}: its TRANSACTION trace is committed inside its transaction, before the change commits
 * (issue 14 §4, D-17), by {@link TracedChangeInterceptor}. If the trace cannot be committed, the change rolls back
 * and the caller gets a 503; if the change's own commit fails after its trace, a second trace records the rollback.
 * A method so marked that throws changes nothing (its transaction is marked for rollback). {@code
 * TracedChangeCoverageTest} checks that every data-changing resource method carries it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface TracedChange {}
