package fr.interopsr.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files of development secrets (administrator passwords, client secrets) that only the server's user may read
 * (issue 16 §5): directories 700, files 600 on POSIX file systems, from their creation on, whatever the umask. A file
 * made by an earlier version with wider rights is narrowed when it is read; an existing directory is left as it is.
 */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** The directory and its missing parents; the directory itself, when made here, is made 700. */
    static void directory(Path dir) throws IOException {
        if (!posix()) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
            Files.setPosixFilePermissions(dir, DIR);
        }
    }

    /** Writes a new file, created 600 (never readable by others, not even for a moment). */
    static void write(Path file, String content) throws IOException {
        if (posix()) {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            Files.setPosixFilePermissions(file, FILE); // the umask may have taken rights away, never added
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Reads an existing file, narrowing it to 600 first if an earlier version made it wider. */
    static String read(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
