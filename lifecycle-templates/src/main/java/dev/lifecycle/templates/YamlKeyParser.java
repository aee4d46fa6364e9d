package dev.lifecycle.templates;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.Reader;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.Event;

/**
 * A YAML parser that tells what it last read, so that a key Jackson cannot take (a list, a map or an alias) is reported
 * as what it is, at its own position, instead of with the parser's event class in the message.
 */
final class YamlKeyParser extends YAMLParser {

    private YamlKeyParser(
            IOContext context, int features, int yamlFeatures, LoaderOptions options, ObjectCodec codec, Reader in) {
        super(context, features, yamlFeatures, options, codec, in);
    }

    /** {@return the YAML event read last, or null before the first} */
    @Nullable
    Event lastEvent() {
        return _lastEvent;
    }

    /** Makes {@link YamlKeyParser}s for text; documents are always given as text, after decoding and size checks. */
    static final class Factory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLParser _createParser(Reader in, IOContext context) {
            return new YamlKeyParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, in);
        }
    }
}
