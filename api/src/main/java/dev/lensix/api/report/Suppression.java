package dev.lensix.api.report;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An accepted risk: the entry of a suppressions file that a FAIL result matched, with who accepted it, why, and until
 * when. A suppressed result keeps status FAIL; it no longer counts toward the exit code.
 *
 * <pre>{@code
 * result.suppression().ifPresent(s ->
 *         out.println("suppressed by " + s.name() + ": " + s.justification() + " (" + s.owner() + ", until " + s.expires() + ")"));
 * }</pre>
 *
 * @param name          the entry's name, unique in its file
 * @param justification why the risk is accepted
 * @param owner         who accepted it (an email or a team)
 * @param expires       the last day it applies
 * @param category      accepted risk or mitigated (Azure Policy's Waiver and Mitigated)
 * @param ticket        a ticket id or URL, when given
 * @param file          the suppressions file it comes from, as given
 */
public record Suppression(String name, String justification, String owner, LocalDate expires, Category category,
                          Optional<String> ticket, String file) {

    /** Why a risk is not fixed: the names are what suppressions files spell. */
    public enum Category {
        /** The risk is known and accepted for now (Azure Policy exemption category Waiver). */
        ACCEPTED_RISK,
        /** The risk is handled another way (Azure Policy exemption category Mitigated). */
        MITIGATED;

        /** {@code accepted-risk} or {@code mitigated}. */
        public String spelled() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The category a file spells, if it is one. */
        public static Optional<Category> parse(String spelled) {
            for (Category category : values()) {
                if (category.spelled().equals(spelled)) {
                    return Optional.of(category);
                }
            }
            return Optional.empty();
        }
    }

    public Suppression {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(file, "file");
    }

    /** {@code suppressed: JUSTIFICATION (OWNER, until DATE)}: the one line reports give a suppressed result. */
    public String describe() {
        return "suppressed: " + justification + " (" + owner + ", until " + expires + ")";
    }
}
