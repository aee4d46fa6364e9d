package dev.lifecycle.flink;

import dev.lifecycle.core.CustomerState;
import dev.lifecycle.core.LifecycleStep;
import dev.lifecycle.templates.TemplateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.jspecify.annotations.Nullable;

/**
 * What a checkpoint or savepoint keeps of {@link CustomerStateSerializer}: the template, as its JSON template file.
 * On restore the states' template and the job's are compared by the step's {@linkplain LifecycleStep#fingerprint()
 * fingerprint}: the same fingerprint (a change of descriptions or other metadata only) restores as is; another one is
 * refused with an {@link IllegalStateException} that names each stage and rule that differs, since a state is read
 * only by the template it was written under.
 */
public final class CustomerStateSerializerSnapshot implements TypeSerializerSnapshot<CustomerState> {
    private static final int VERSION = 1;
    /** The longest template read from a snapshot, in UTF-8 bytes: a template file's own limit in characters, 4 bytes each. */
    private static final int MAX_TEMPLATE_BYTES = 4 * TemplateFiles.MAX_DOCUMENT_SIZE;

    private @Nullable TemplateSource template;

    /** For Flink, which makes the snapshot and then reads it ({@link #readSnapshot}). */
    public CustomerStateSerializerSnapshot() {}

    CustomerStateSerializerSnapshot(TemplateSource template) {
        this.template = template;
    }

    private TemplateSource template() {
        TemplateSource read = template;
        if (read == null) {
            throw new IllegalStateException("the snapshot has not been read");
        }
        return read;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        byte[] json = template().json().getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion != VERSION) {
            throw new IOException("customer state snapshot version " + readVersion + " is not supported; this library "
                    + "reads version " + VERSION);
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_TEMPLATE_BYTES) {
            throw new IOException("the template of a customer state snapshot must be 0 to " + MAX_TEMPLATE_BYTES
                    + " bytes but was " + length);
        }
        byte[] json = new byte[length];
        in.readFully(json);
        try {
            template = TemplateSource.ofJson(new String(json, StandardCharsets.UTF_8), "the snapshot's template");
        } catch (IllegalArgumentException e) {
            throw new IOException("the template of a customer state snapshot cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public TypeSerializer<CustomerState> restoreSerializer() {
        return new CustomerStateSerializer(template());
    }

    /**
     * Restores as is under the same fingerprint, and refuses another one with a message naming the differences (this
     * is the job's snapshot, {@code old} the state's).
     *
     * @throws IllegalStateException if the fingerprints differ
     */
    @Override
    public TypeSerializerSchemaCompatibility<CustomerState> resolveSchemaCompatibility(
            TypeSerializerSnapshot<CustomerState> old) {
        if (!(old instanceof CustomerStateSerializerSnapshot previous)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        LifecycleStep was = previous.template().step();
        LifecycleStep now = template().step();
        if (was.fingerprint().equals(now.fingerprint())) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        throw new IllegalStateException("the customer states were written under template '"
                + was.template().name()
                + "' (fingerprint " + was.fingerprint() + ") and cannot be read under the job's template '"
                + now.template().name() + "' (fingerprint " + now.fingerprint() + "): "
                + String.join("; ", differences(was.fingerprintParts(), now.fingerprintParts()))
                + ". Restore with the states' template, or start the changed template from a fresh state.");
    }

    /**
     * The differences between two steps' {@linkplain LifecycleStep#fingerprintParts() parts}: the name, the entry
     * stage, and each stage or rule (by id) added, removed or changed.
     */
    static List<String> differences(List<String> was, List<String> now) {
        List<String> differences = new ArrayList<>();
        if (!was.get(0).equals(now.get(0))) {
            differences.add("the name changed from '" + was.get(0) + "' to '" + now.get(0) + "'");
        }
        if (!was.get(1).equals(now.get(1))) {
            differences.add("the entry stage changed from '" + was.get(1) + "' to '" + now.get(1) + "'");
        }
        Map<String, String> before = byId(was);
        Map<String, String> after = byId(now);
        for (Map.Entry<String, String> part : before.entrySet()) {
            String changed = after.get(part.getKey());
            if (changed == null) {
                differences.add(part.getKey() + " was removed (" + part.getValue() + ")");
            } else if (!changed.equals(part.getValue())) {
                differences.add(part.getKey() + " changed from " + part.getValue() + " to " + changed);
            }
        }
        for (Map.Entry<String, String> part : after.entrySet()) {
            if (!before.containsKey(part.getKey())) {
                differences.add(part.getKey() + " was added (" + part.getValue() + ")");
            }
        }
        if (differences.isEmpty()) {
            differences.add("the order of the stages or rules changed");
        }
        return differences;
    }

    /** The stage and rule parts by "stage 'id'" or "rule 'id'"; stages end in ":main" or ":side", rules have "->". */
    private static Map<String, String> byId(List<String> parts) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (String part : parts.subList(2, parts.size())) {
            int colon = part.indexOf(':');
            String id = part.substring(0, colon);
            String rest = part.substring(colon + 1);
            boolean stage = rest.equals("main") || rest.equals("side");
            byId.put((stage ? "stage '" : "rule '") + id + "'", stage ? rest + " stage" : "'" + rest + "'");
        }
        return byId;
    }
}
