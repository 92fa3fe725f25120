# The site limit of jobmanager-vm (max_running in globus-vm.conf): at most N jobs run at once on the
# gateway; the others wait, PENDING, first come first served.
#
# A slot is a file slot.I (1..N) in the slot directory that a running job's watcher holds an exclusive
# flock on; the kernel drops the lock when the watcher ends, however it ends, so a crash never leaks a
# slot. A waiting watcher puts a ticket queue.TIME.PID in the same directory and tries the slots only
# while its ticket is the oldest one of a live process (tickets of dead waiters are removed), so jobs
# start in the order they were submitted. Make the directory shared and sticky (mode 1777) for a limit
# across users; each user's tickets and slot files are then created mode 0666 for the others to lock.

package Globus::GRAM::VmSlots;

use strict;
use warnings;
use Errno ();
use Fcntl qw(:flock);
use POSIX ();
use Time::HiRes ();

# Waits until one of $max slots in $directory is free and takes it; returns the handle that holds it
# (keep it open as long as the job runs). $ticket_ref receives the ticket path while waiting, for a
# signal handler to remove. Returns undef with $! set when the directory cannot be used.
sub take
{
    my ($directory, $max, $ticket_ref) = @_;
    if (!-d $directory) {
        my $old = umask(0);
        mkdir($directory, 01777);
        umask($old);
        return undef if !-d $directory;
    }

    my $ticket = sprintf("%s/queue.%017.6f.%d", $directory, Time::HiRes::time(), $$);
    $$ticket_ref = $ticket;
    my $old = umask(0);
    my $created = open(my $mark, '>', $ticket);
    umask($old);
    return undef if !$created;
    close($mark);

    while (1) {
        if (first_in_line($directory, $ticket)) {
            foreach my $i (1 .. $max) {
                my $path = "$directory/slot.$i";
                $old = umask(0);
                my $opened = open(my $slot, '>>', $path);
                umask($old);
                next if !$opened;
                if (flock($slot, LOCK_EX | LOCK_NB)) {
                    unlink($ticket);
                    $$ticket_ref = undef;
                    return $slot;
                }
                close($slot);
            }
        }
        Time::HiRes::sleep(0.5);
    }
}

# Whether $ticket is the oldest ticket in $directory whose waiter is still alive.
sub first_in_line
{
    my ($directory, $ticket) = @_;
    opendir(my $dir, $directory) or return 1;
    my @queue = sort grep { /^queue\.[0-9.]+\.\d+$/ } readdir($dir);
    closedir($dir);
    foreach my $entry (@queue) {
        my $path = "$directory/$entry";
        return 1 if $path eq $ticket;
        my ($pid) = $entry =~ /\.(\d+)$/;
        # Another user's live waiter answers EPERM: it still counts. A dead one's ticket goes.
        if (!kill(0, $pid) && !$!{EPERM}) {
            unlink($path);
            next;
        }
        return 0;
    }
    return 1;
}

# How many of the $max slots in $directory are held now (for the log).
sub held
{
    my ($directory, $max) = @_;
    my $held = 0;
    foreach my $i (1 .. $max) {
        open(my $slot, '<', "$directory/slot.$i") or next;
        if (flock($slot, LOCK_SH | LOCK_NB)) {
            flock($slot, LOCK_UN);
        } else {
            $held++;
        }
        close($slot);
    }
    return $held;
}

1;
