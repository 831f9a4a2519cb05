package fr.interopsr.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 §5: the development secret files are readable by their owner only (POSIX file systems). */
@DisabledOnOs(OS.WINDOWS)
class OwnerOnlyFilesTest {

    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewDirectoryIs700AndANewFile600() throws Exception {
        Path dir = tmp.resolve("a/b/secrets");
        OwnerOnlyFiles.directory(dir);
        assertEquals("rwx------", mode(dir));
        Path file = dir.resolve("admin.password");
        OwnerOnlyFiles.write(file, "s3cret\n");
        assertEquals("rw-------", mode(file));
        assertEquals("s3cret\n", OwnerOnlyFiles.read(file));
    }

    @Test
    void aWorldReadableFileOfAnEarlierVersionIsNarrowedWhenRead() throws Exception {
        Path file = Files.writeString(tmp.resolve("guest.password"), "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("old\n", OwnerOnlyFiles.read(file));
        assertEquals("rw-------", mode(file));
    }

    @Test
    void rewritingAWorldReadableFileMakesIt600() throws Exception {
        Path file = Files.writeString(tmp.resolve("client.secret"), "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        OwnerOnlyFiles.write(file, "new\n");
        assertEquals("rw-------", mode(file));
        assertEquals("new\n", Files.readString(file));
    }

    @Test
    void anExistingDirectoryIsLeftAsItIs() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        OwnerOnlyFiles.directory(dir);
        assertEquals("rwxr-xr-x", mode(dir));
    }
}
