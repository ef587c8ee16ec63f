package link

// Relinked reports how many commitments the last computation linked and
// whether it relinked all of them.
func (s *Service) Relinked() (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inc.last, s.inc.full
}
