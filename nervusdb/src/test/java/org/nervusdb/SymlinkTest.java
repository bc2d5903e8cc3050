package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.engine.FileNames;

/**
 * Symbolic links planted in a database directory under the names of its files, leading to a file
 * outside it: no operation reads, writes, truncates or creates through one. Each is refused with
 * the IO error naming the link, and the outside file keeps every byte. The directory itself may be
 * a link.
 */
class SymlinkTest {
    private static final byte[] SECRET = "a file outside the database, not to be touched\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    Path dir;
    Path outside;

    @BeforeEach
    void setUp() throws IOException {
        dir = tmp.resolve("db");
        outside = tmp.resolve("outside.txt");
        Files.write(outside, SECRET);
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("alice", "knows", "bob");
        }
    }

    private void plant(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
        Files.createSymbolicLink(dir.resolve(name), outside);
    }

    private void assertRefused(Runnable r, String name) throws IOException {
        assertThatThrownBy(r::run)
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(dir.resolve(name).getFileName().toString())
                .hasMessageContaining("symbolic link")
                .satisfies(e -> assertThat(((NervusDBException) e).code()).isEqualTo("IO"));
        assertThat(Files.readAllBytes(outside)).as("the file the link leads to").isEqualTo(SECRET);
        assertThat(Files.isSymbolicLink(dir.resolve(name))).isTrue();
    }

    @Test
    void lockFileLinkIsNotTruncatedOrWritten() throws IOException {
        plant(FileNames.LOCK);
        assertRefused(() -> NervusDB.open(dir).close(), FileNames.LOCK);
        // Refused before the lock was taken: with the link replaced by a file, the database opens.
        Files.delete(dir.resolve(FileNames.LOCK));
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.count(null, null, null)).isEqualTo(1);
        }
    }

    @Test
    void plantedLogLinkIsNotReplayedOrAppendedTo() throws IOException {
        plant("000009.wal");
        assertRefused(() -> {
            try (NervusDB db = NervusDB.open(dir)) {
                db.find(null, null, null).close();
                db.add("carol", "knows", "dave");
            }
        }, "000009.wal");
    }

    @Test
    void linkedTableOrManifestIsNotRead() throws IOException {
        try (NervusDB db = NervusDB.open(dir)) {
            db.flush();
        }
        List<String> tables = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> FileNames.tableNumber(n) >= 0).forEach(tables::add);
        }
        assertThat(tables).isNotEmpty();
        // A link to a byte-for-byte copy of the real table, outside: still refused.
        String table = tables.get(0);
        Path copy = tmp.resolve("copy.sst");
        Files.copy(dir.resolve(table), copy);
        Files.delete(dir.resolve(table));
        Files.createSymbolicLink(dir.resolve(table), copy);
        assertThatThrownBy(() -> NervusDB.open(dir).close()).isInstanceOf(StorageException.class)
                .hasMessageContaining(table).hasMessageContaining("symbolic link");
        Files.delete(dir.resolve(table));
        Files.move(copy, dir.resolve(table));

        Path manifest = tmp.resolve("manifest-copy");
        Files.copy(dir.resolve(FileNames.MANIFEST), manifest);
        Files.delete(dir.resolve(FileNames.MANIFEST));
        Files.createSymbolicLink(dir.resolve(FileNames.MANIFEST), manifest);
        assertThatThrownBy(() -> NervusDB.open(dir).close()).isInstanceOf(StorageException.class)
                .hasMessageContaining(FileNames.MANIFEST).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> NervusDB.dump(dir, FileNames.MANIFEST, 10)).isInstanceOf(StorageException.class)
                .hasMessageContaining("symbolic link");
    }

    @Test
    void filesCreatedWhileOpenAreNeverCreatedThroughALink() throws IOException {
        try (NervusDB db = NervusDB.open(dir, Options.defaults().backgroundCompaction(false))) {
            db.add("carol", "knows", "dave");
            // Every name the next flush may create: new tables, the next log, the manifest's temporary file.
            for (int n = 1; n < 40; n++) {
                for (String name : new String[] {FileNames.table(n), FileNames.wal(n)}) {
                    if (!Files.exists(dir.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        plant(name);
                    }
                }
            }
            plant(FileNames.MANIFEST_TMP);
            assertThatThrownBy(db::flush).isInstanceOf(StorageException.class).hasMessageContaining("symbolic link");
            assertThat(Files.readAllBytes(outside)).isEqualTo(SECRET);
            assertThat(db.count(null, null, null)).as("reads go on").isEqualTo(2);
        }
        assertThat(Files.readAllBytes(outside)).isEqualTo(SECRET);
    }

    @Test
    void bulkLoadTemporaryFilesAreNeverCreatedThroughALink() throws IOException {
        try (NervusDB db = NervusDB.open(dir)) {
            // The sorted runs a load spills (bulk-NNNNNN-ORDER-K.tmp), for the next few load numbers.
            for (int n = 1; n < 40; n++) {
                for (String order : new String[] {"spo", "pos", "osp"}) {
                    for (int k = 0; k < 4; k++) {
                        plant(FileNames.bulkTemp(n, order + "-" + k));
                    }
                }
            }
            List<Triple> triples = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                triples.add(Triple.of("s" + i, "p", "o" + i));
            }
            // The smallest sorting budget: runs of 1,024 triples, spilled to temporary files.
            assertThatThrownBy(() -> db.bulkLoad(triples.iterator(), 0)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("symbolic link");
            assertThat(db.count(null, null, null)).as("nothing loaded").isEqualTo(1);
        }
        assertThat(Files.readAllBytes(outside)).isEqualTo(SECRET);
    }

    @Test
    void theDirectoryItselfMayBeALink() throws IOException {
        Path link = tmp.resolve("link-to-db");
        Files.createSymbolicLink(link, dir);
        try (NervusDB db = NervusDB.open(link)) {
            db.add("carol", "knows", "dave");
            db.flush();
            assertThat(db.count(null, null, null)).isEqualTo(2);
        }
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.count(null, null, null)).isEqualTo(2);
        }
    }
}
