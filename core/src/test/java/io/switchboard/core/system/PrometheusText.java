package io.switchboard.core.system;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (https://prometheus.io/docs/instrumenting/
 * exposition_formats/), so that a test reads {@code /metrics} as Prometheus would and fails on what Prometheus would
 * refuse: a sample before or outside its family's {@code # TYPE}, a family's samples not together, a bad name, label
 * or value, an unknown escape, a series twice, a missing final newline.
 */
final class PrometheusText
{
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** A sample: its name (with a suffix such as {@code _total}), labels and value. */
    record Sample(String name, Map<String, String> labels, double value)
    {
    }

    /** A metric family: its name as {@code # TYPE} gives it, its type, help and samples. */
    record Family(String name, String type, String help, List<Sample> samples)
    {
        /** The value of the sample with exactly these labels (name and label values alternating), or fails. */
        double value(final String... labels)
        {
            final Map<String, String> wanted = new TreeMap<>();
            for (int i = 0; i < labels.length; i += 2)
            {
                wanted.put(labels[i], labels[i + 1]);
            }
            for (final Sample sample : samples)
            {
                if (sample.labels().equals(wanted))
                {
                    return sample.value();
                }
            }
            throw new AssertionError(name + " has no sample " + wanted + ": " + samples);
        }
    }

    private PrometheusText()
    {
    }

    /** The families by name, in the order of the text. */
    static Map<String, Family> parse(final String text)
    {
        check(text.isEmpty() || text.endsWith("\n"), "the text does not end with a newline");
        final Map<String, Family> families = new LinkedHashMap<>();
        final Map<String, String> help = new LinkedHashMap<>();
        final Set<String> series = new HashSet<>();
        Family current = null;
        int number = 0;
        for (final String line : text.split("\n", -1))
        {
            number++;
            if (line.isEmpty())
            {
                continue;
            }
            final String where = "line " + number + " (" + line + "): ";
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE "))
            {
                final String[] parts = line.substring(7).split(" ", 2);
                check(METRIC.matcher(parts[0]).matches(), where + "bad metric name");
                if (line.startsWith("# HELP "))
                {
                    check(help.put(parts[0], parts.length > 1 ? unescape(parts[1], false, where) : "") == null,
                        where + "a second HELP");
                    continue;
                }
                check(parts.length == 2 && TYPES.contains(parts[1]), where + "bad type");
                check(!families.containsKey(parts[0]), where + "a second TYPE");
                current = new Family(parts[0], parts[1], null, new ArrayList<>());
                families.put(parts[0], current);
                continue;
            }
            if (line.startsWith("#"))
            {
                continue;
            }
            final Sample sample = sample(line, where);
            check(current != null && belongs(sample.name(), current), where + "not in the family of the last TYPE");
            check(series.add(sample.name() + sample.labels()), where + "the same series twice");
            current.samples().add(sample);
        }
        final Map<String, Family> complete = new LinkedHashMap<>();
        families.forEach((name, f) -> complete.put(name, new Family(name, f.type(), help.get(name), f.samples())));
        return complete;
    }

    private static boolean belongs(final String sample, final Family family)
    {
        final String suffix = sample.startsWith(family.name()) ? sample.substring(family.name().length()) : null;
        if (suffix == null)
        {
            return false;
        }
        return switch (family.type())
        {
            case "histogram" -> Set.of("_bucket", "_count", "_sum", "_created").contains(suffix);
            case "summary" -> Set.of("", "_count", "_sum", "_created").contains(suffix);
            case "counter" -> Set.of("", "_total", "_created").contains(suffix);
            default -> suffix.isEmpty();
        };
    }

    private static Sample sample(final String line, final String where)
    {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ')
        {
            i++;
        }
        final String name = line.substring(0, i);
        check(METRIC.matcher(name).matches(), where + "bad metric name");
        final Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{')
        {
            i++;
            while (line.charAt(i) != '}')
            {
                final int eq = line.indexOf("=\"", i);
                check(eq > i, where + "a label without =\"");
                final String label = line.substring(i, eq);
                check(LABEL.matcher(label).matches() && !label.startsWith("__"), where + "bad label name " + label);
                final StringBuilder raw = new StringBuilder();
                int j = eq + 2;
                while (line.charAt(j) != '"')
                {
                    raw.append(line.charAt(j));
                    if (line.charAt(j) == '\\')
                    {
                        raw.append(line.charAt(j + 1));
                        j++;
                    }
                    j++;
                }
                check(labels.put(label, unescape(raw.toString(), true, where)) == null, where + "label twice");
                i = j + 1;
                check(line.charAt(i) == ',' || line.charAt(i) == '}', where + "labels not separated by a comma");
                if (line.charAt(i) == ',')
                {
                    i++;
                }
            }
            i++;
        }
        check(i < line.length() && line.charAt(i) == ' ', where + "no value");
        final String[] rest = line.substring(i + 1).split(" ");
        check(rest.length == 1 || rest.length == 2 && rest[1].matches("-?[0-9]+"), where + "bad value or timestamp");
        return new Sample(name, labels, value(rest[0], where));
    }

    private static double value(final String text, final String where)
    {
        switch (text)
        {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                check(text.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?"), where + "bad value " + text);
                return Double.parseDouble(text);
        }
    }

    /** Help may escape {@code \\} and newline; a label value also {@code "}. Anything else is refused. */
    private static String unescape(final String text, final boolean quote, final String where)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c != '\\')
            {
                out.append(c);
                continue;
            }
            check(i + 1 < text.length(), where + "a lone backslash");
            final char next = text.charAt(++i);
            check(next == '\\' || next == 'n' || quote && next == '"', where + "unknown escape \\" + next);
            out.append(next == 'n' ? '\n' : next);
        }
        return out.toString();
    }

    private static void check(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new AssertionError("not the Prometheus text format: " + message);
        }
    }
}
