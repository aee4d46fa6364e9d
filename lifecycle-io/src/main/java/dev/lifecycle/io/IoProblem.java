package dev.lifecycle.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Says in words what went wrong reading or writing a file, for a message a person reads (no Java class names). */
public final class IoProblem {
    private IoProblem() {}

    /**
     * Describes a failure of a file operation.
     *
     * @param e the failure
     * @return "no such file", "permission denied", the system's reason, or the failure's own message
     */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "input or output failed" : message;
    }
}
