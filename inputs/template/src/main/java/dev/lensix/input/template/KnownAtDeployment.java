package dev.lensix.input.template;

import dev.lensix.policy.language.ExpressionException;

/**
 * A value Resource Manager knows only when it deploys: {@code reference()} to a resource the template does not
 * declare, {@code listKeys()}, {@code newGuid()}, a secure parameter given no value, a Key Vault reference in a
 * parameters file. Whatever depends on it is "not known", and a check reading it gives ERROR with this reason.
 *
 * <pre>{@code
 * throw new KnownAtDeployment("known only at deployment: listKeys() reads it from Azure");
 * }</pre>
 */
final class KnownAtDeployment extends ExpressionException {

    KnownAtDeployment(String reason) {
        super(reason);
    }
}
