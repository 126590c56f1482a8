package dev.lensix.input.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Makes the trees of the resources a scan keeps in as little memory as they can take, since a scan holds every one
 * of them until its checks are done: an object's fields in two small arrays rather than a hash map (a map of entries
 * once it has many), field names and short strings that recur (locations, states, tenant ids) shared between
 * resources, and arrays sized for the few elements ARM arrays mostly hold. The trees are Jackson's own nodes and read
 * as any other; only what holds them differs. One instance serves every reading thread.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().setNodeFactory(CompactNodes.INSTANCE);
 * JsonNode resource = mapper.readTree(parser);
 * }</pre>
 */
final class CompactNodes extends JsonNodeFactory {

    private static final long serialVersionUID = 1L;
    /** Strings longer than this are mostly ids and URIs, one of a kind: not worth looking up. */
    static final int MAX_SHARED_LENGTH = 64;
    /** How many distinct names and strings are shared; past that, new ones are kept as they come. */
    static final int MAX_SHARED = 65_536;

    /** The reader's one instance: names and strings are shared across every file and thread of a scan. */
    static final CompactNodes INSTANCE = new CompactNodes();

    private final transient Map<String, String> names = new ConcurrentHashMap<>();
    private final transient Map<String, TextNode> texts = new ConcurrentHashMap<>();

    CompactNodes() {
        super();
    }

    @Override
    public ObjectNode objectNode() {
        return new ObjectNode(this, new Fields(this));
    }

    @Override
    public ArrayNode arrayNode() {
        return new ArrayNode(this, 4);
    }

    @Override
    public TextNode textNode(String text) {
        return text == null || text.length() > MAX_SHARED_LENGTH ? super.textNode(text)
                : shared(texts, text, super::textNode);
    }

    String name(String name) {
        return name.length() > MAX_SHARED_LENGTH ? name : shared(names, name, Function.identity());
    }

    /** The pool's value for {@code key}, made and pooled when it has none and there is room; else made alone. */
    private static <V> V shared(Map<String, V> pool, String key, Function<String, V> make) {
        V shared = pool.get(key);
        if (shared != null) {
            return shared;
        }
        V made = make.apply(key);
        if (pool.size() >= MAX_SHARED) {
            return made;
        }
        V raced = pool.putIfAbsent(key, made);
        return raced != null ? raced : made;
    }

    /**
     * An object's fields in insertion order: two arrays searched from the start while there are few, a
     * {@link LinkedHashMap} once there are more than {@value #ARRAY_MAX}, so that no object costs more than linear
     * time to build.
     */
    static final class Fields extends AbstractMap<String, JsonNode> {

        static final int ARRAY_MAX = 16;

        private final CompactNodes nodes;
        private String[] keys = new String[2];
        private JsonNode[] values = new JsonNode[2];
        private int size;
        /** Null until there are more than {@link #ARRAY_MAX} fields; then it holds them all. */
        private LinkedHashMap<String, JsonNode> many;

        Fields(CompactNodes nodes) {
            this.nodes = nodes;
        }

        private int indexOf(Object key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public JsonNode get(Object key) {
            if (many != null) {
                return many.get(key);
            }
            int index = indexOf(key);
            return index < 0 ? null : values[index];
        }

        @Override
        public boolean containsKey(Object key) {
            return many != null ? many.containsKey(key) : indexOf(key) >= 0;
        }

        @Override
        public JsonNode put(String key, JsonNode value) {
            Objects.requireNonNull(key, "key");
            if (many != null) {
                return many.put(nodes.name(key), value);
            }
            int index = indexOf(key);
            if (index >= 0) {
                JsonNode old = values[index];
                values[index] = value;
                return old;
            }
            if (size == ARRAY_MAX) {
                many = new LinkedHashMap<>(ARRAY_MAX * 4);
                for (int i = 0; i < size; i++) {
                    many.put(keys[i], values[i]);
                }
                keys = null;
                values = null;
                size = 0;
                return many.put(nodes.name(key), value);
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = nodes.name(key);
            values[size++] = value;
            return null;
        }

        @Override
        public JsonNode remove(Object key) {
            if (many != null) {
                return many.remove(key);
            }
            int index = indexOf(key);
            if (index < 0) {
                return null;
            }
            JsonNode old = values[index];
            removeAt(index);
            return old;
        }

        private void removeAt(int index) {
            int after = size - index - 1;
            System.arraycopy(keys, index + 1, keys, index, after);
            System.arraycopy(values, index + 1, values, index, after);
            size--;
            keys[size] = null;
            values[size] = null;
        }

        @Override
        public int size() {
            return many != null ? many.size() : size;
        }

        @Override
        public void clear() {
            many = null;
            keys = new String[2];
            values = new JsonNode[2];
            size = 0;
        }

        /** A new view each time: AbstractMap keeps the first for the map's life, 16 bytes on every object of every tree. */
        @Override
        public Collection<JsonNode> values() {
            return many != null ? many.values() : new AbstractCollection<>() {
                @Override
                public Iterator<JsonNode> iterator() {
                    Iterator<Entry<String, JsonNode>> entries = entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return entries.hasNext();
                        }

                        @Override
                        public JsonNode next() {
                            return entries.next().getValue();
                        }

                        @Override
                        public void remove() {
                            entries.remove();
                        }
                    };
                }

                @Override
                public int size() {
                    return Fields.this.size();
                }
            };
        }

        @Override
        public Set<Entry<String, JsonNode>> entrySet() {
            return many != null ? many.entrySet() : new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, JsonNode>> iterator() {
                    return new Iterator<>() {
                        private int next;
                        private int last = -1;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Entry<String, JsonNode> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            last = next++;
                            return new Field(last);
                        }

                        @Override
                        public void remove() {
                            if (last < 0) {
                                throw new IllegalStateException();
                            }
                            removeAt(last);
                            next = last;
                            last = -1;
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }

        /** A field as an entry; setting its value writes through. */
        private final class Field implements Entry<String, JsonNode> {
            private final int index;

            Field(int index) {
                this.index = index;
            }

            @Override
            public String getKey() {
                return keys[index];
            }

            @Override
            public JsonNode getValue() {
                return values[index];
            }

            @Override
            public JsonNode setValue(JsonNode value) {
                JsonNode old = values[index];
                values[index] = value;
                return old;
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof Entry<?, ?> entry && getKey().equals(entry.getKey())
                        && Objects.equals(getValue(), entry.getValue());
            }

            @Override
            public int hashCode() {
                return getKey().hashCode() ^ Objects.hashCode(getValue());
            }

            @Override
            public String toString() {
                return getKey() + "=" + getValue();
            }
        }
    }
}
