package io.switchboard.core.records;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A customer's answer to the satisfaction survey (spec §7, 满意度评价), kept in the service record of the chat or
 * call it rates: the level chosen (1 is the first level of the administrator's list, the best by default), the scale
 * it was chosen on, the level's label as the customer saw it, the answer to "was your problem solved?" (null when the
 * survey did not ask or it was left out) and the comment (null: none).
 *
 * @param level   1 to {@code levels}
 * @param levels  how many levels the survey had (2 to 5)
 * @param label   the chosen level's label
 * @param solved  whether the problem was solved; null when not asked or not answered
 * @param comment the customer's comment, at most 500 characters; null when none
 * @param at      when it was answered, epoch milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Satisfaction(int level, int levels, String label, Boolean solved, String comment, long at)
{
    /** The longest comment, in characters. */
    public static final int MAX_COMMENT = 500;
}
