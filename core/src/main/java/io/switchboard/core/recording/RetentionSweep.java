package io.switchboard.core.recording;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes the recordings older than the retention: the day folders ({@code yyyy/MM/dd}, the calls' start dates)
 * before {@code today - days}, then month and year folders left empty. Files in other places are left alone. Runs on
 * the recording writer's thread, once a day.
 */
final class RetentionSweep
{
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

    private RetentionSweep()
    {
    }

    /** Returns how many files were deleted; {@code days} 0 keeps everything. */
    static int sweep(final Path root, final LocalDate today, final int days)
    {
        if (days <= 0 || !Files.isDirectory(root))
        {
            return 0;
        }
        final LocalDate oldestKept = today.minusDays(days);
        int deleted = 0;
        for (final Path year : children(root))
        {
            for (final Path month : children(year))
            {
                for (final Path day : children(month))
                {
                    final LocalDate date = dateOf(year, month, day);
                    if (date != null && date.isBefore(oldestKept))
                    {
                        deleted += deleteTree(day);
                    }
                }
                deleteIfEmpty(month);
            }
            deleteIfEmpty(year);
        }
        if (deleted > 0)
        {
            LOG.info("recordings before {} deleted ({} files; retention {} days)", oldestKept, deleted, days);
        }
        return deleted;
    }

    private static LocalDate dateOf(final Path year, final Path month, final Path day)
    {
        try
        {
            return LocalDate.of(Integer.parseInt(year.getFileName().toString()),
                Integer.parseInt(month.getFileName().toString()), Integer.parseInt(day.getFileName().toString()));
        }
        catch (final NumberFormatException | DateTimeException ex)
        {
            return null;
        }
    }

    private static List<Path> children(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir))
        {
            return list.filter(Files::isDirectory).filter(p -> p.getFileName().toString().matches("[0-9]{2,4}"))
                .toList();
        }
        catch (final IOException ex)
        {
            LOG.warn("recordings: cannot list {}: {}", dir, ex.getMessage());
            return List.of();
        }
    }

    private static int deleteTree(final Path dir)
    {
        int files = 0;
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList())
            {
                files += Files.isDirectory(p) ? 0 : 1;
                Files.deleteIfExists(p);
            }
        }
        catch (final IOException ex)
        {
            LOG.warn("recordings: cannot delete {}: {}", dir, ex.getMessage());
        }
        return files;
    }

    private static void deleteIfEmpty(final Path dir)
    {
        try (Stream<Path> list = Files.list(dir))
        {
            if (list.findAny().isEmpty())
            {
                Files.delete(dir);
            }
        }
        catch (final IOException ex)
        {
            LOG.debug("recordings: {} not removed: {}", dir, ex.getMessage());
        }
    }
}
