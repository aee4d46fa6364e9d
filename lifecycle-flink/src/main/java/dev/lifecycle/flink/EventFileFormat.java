package dev.lifecycle.flink;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleStep;
import dev.lifecycle.io.EventFile;
import dev.lifecycle.io.EventFileReader;
import dev.lifecycle.io.Rejection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event file (a CSV export in the library's default mapping, or a CDNOW file, told apart by the header) for
 * Flink's file source, read by the library's one {@link EventFileReader}: the same events, merged CDNOW days,
 * rejections and reconciled counts as in process. A file is read whole by one reader (it is not split: CDNOW rows of a
 * customer and day are merged across the file) and its events are emitted in the order the step applies them ({@link
 * LifecycleStep#EVENT_ORDER}), so that monotonous watermarks hold. Each rejected row is logged with its line and reason, and the counts once per
 * file: nothing is dropped silently. On restore Flink reads the file again and skips the events emitted before the
 * checkpoint.
 */
public final class EventFileFormat extends SimpleStreamFormat<CustomerEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EventFileFormat.class);

    @Override
    public StreamFormat.Reader<CustomerEvent> createReader(Configuration config, FSDataInputStream stream)
            throws IOException {
        EventFile file = EventFileReader.create().read(stream, "event file");
        for (Rejection rejection : file.rejections()) {
            LOG.warn("event file line {} rejected: {}", rejection.line(), rejection.reason());
        }
        LOG.info(
                "event file read: {} rows, {} used, {} rejected, {} events",
                file.rowsRead(),
                file.rowsUsed(),
                file.rejections().size(),
                file.events().size());
        List<CustomerEvent> events = new ArrayList<>(file.events());
        events.sort(LifecycleStep.EVENT_ORDER);
        Iterator<CustomerEvent> next = events.iterator();
        return new StreamFormat.Reader<>() {
            @Override
            public @Nullable CustomerEvent read() {
                return next.hasNext() ? next.next() : null;
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    @Override
    public TypeInformation<CustomerEvent> getProducedType() {
        return LifecycleTypes.EVENTS;
    }
}
