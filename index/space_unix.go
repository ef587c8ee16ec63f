//go:build unix

package index

import "golang.org/x/sys/unix"

// freeBytes is the space available to this user on the file system holding path.
func freeBytes(path string) (int64, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return 0, false
	}
	return int64(st.Bavail) * int64(st.Bsize), true
}
