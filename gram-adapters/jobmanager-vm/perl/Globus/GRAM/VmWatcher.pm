# The watcher of a jobmanager-vm job (Globus::GRAM::JobManager::vm): a process in a session of its own
# that takes a slot when the site limits running jobs (Globus::GRAM::VmSlots), starts the job, turns
# the launcher's running file into the SEG event ACTIVE, waits for the job and records how it ended
# (vm-exit in the job directory, for poll; a DONE event with the exit code, for the SEG).

use Globus::GRAM::JobState;
use Globus::GRAM::VmSlots;
use Fcntl ();
use POSIX ();

package Globus::GRAM::VmWatcher;

use strict;
use warnings;

my $fork_log = '/dev/null';

# Runs in the watcher: reports on $report that the job was accepted (its pid) or why it could not start,
# waits for a slot when the site limits running jobs, starts the job in a new session, and records how
# it ended; with a running file, the job becomes ACTIVE when the launcher writes it. Never returns.
sub run
{
    my ($job, $report, $site) = @_;
    POSIX::setsid();
    my $job_id = "$job->{tag}:$$";
    my ($slot, $ticket);
    my ($max_running, $slot_directory) = ($site->{max_running}, $site->{slot_directory});
    $fork_log = $site->{fork_log};
    if ($max_running > 0) {
        # A queued job is accepted at once (it may wait long): a failure to start it ends it instead.
        accepted($report);
        my $cancelled = sub {
            unlink($ticket) if defined($ticket);
            finish($job_id, $job, 'signal', POSIX::SIGTERM());
        };
        $SIG{$_} = $cancelled foreach qw(TERM INT HUP);
        $slot = Globus::GRAM::VmSlots::take($slot_directory, $max_running, \$ticket);
        start_failed($job_id, $job, "cannot use the slot directory $slot_directory: $!") if !defined($slot);
    }

    my ($pid, $error) = start_job($job);
    if (defined($error)) {
        start_failed($job_id, $job, $error) if defined($slot);
        print $report "FAIL:$error\n";
        POSIX::_exit(1);
    }
    # The watcher must outlive cancel's SIGTERM to the group, to record the end.
    $SIG{$_} = 'IGNORE' foreach qw(TERM INT HUP);
    if (open(my $started, '>', $job->{started_file})) {
        close($started);
    }
    seg_event($job_id, Globus::GRAM::JobState::ACTIVE, 0) if !defined($job->{running_file});
    accepted($report) if !defined($slot);

    my $status;
    if (defined($job->{running_file})) {
        # Four looks a second: the SEG and the job manager add about a second of their own.
        while (1) {
            my $ended = waitpid($pid, POSIX::WNOHANG());
            if ($ended != 0) {
                $status = $ended == $pid ? $? : 255 << 8;
                # A guest that ran and ended between two looks was ACTIVE all the same.
                seg_event($job_id, Globus::GRAM::JobState::ACTIVE, 0) if -e $job->{running_file};
                last;
            }
            if (-e $job->{running_file}) {
                seg_event($job_id, Globus::GRAM::JobState::ACTIVE, 0);
                last;
            }
            select(undef, undef, undef, 0.25);
        }
    }
    if (!defined($status)) {
        waitpid($pid, 0);
        $status = $?;
    }
    finish($job_id, $job, ($status & 127) ? ('signal', $status & 127) : ('exit', $status >> 8));
}

# Starts the job in the watcher's session; returns its pid, or undef and why it could not start.
sub start_job
{
    my $job = shift;
    local (*ERR_READER, *ERR_WRITER);
    pipe(ERR_READER, ERR_WRITER) or return (undef, "pipe: $!");
    my $pid = fork();
    return (undef, "fork: $!") if !defined($pid);
    if ($pid == 0) {
        $SIG{$_} = 'DEFAULT' foreach qw(TERM INT HUP);
        close(ERR_READER);
        # ERR_WRITER closes on exec, so the watcher reads end-of-file when exec succeeds.
        fcntl(ERR_WRITER, Fcntl::F_SETFD(), Fcntl::FD_CLOEXEC());
        %ENV = %{$job->{environment}};
        if (!chdir($job->{directory})
            || !open(STDIN, '<', $job->{stdin})
            || !open(STDOUT, '>>', $job->{stdout})
            || !open(STDERR, '>>', $job->{stderr})) {
            print ERR_WRITER "cannot prepare the job: $!\n";
            POSIX::_exit(127);
        }
        my @command = @{$job->{command}};
        { exec { $command[0] } @command; }
        print ERR_WRITER "exec $command[0]: $!\n";
        POSIX::_exit(127);
    }

    close(ERR_WRITER);
    my $error = <ERR_READER>;
    close(ERR_READER);
    return ($pid, undef) if !defined($error);
    chomp($error);
    waitpid($pid, 0);
    return (undef, $error);
}

# Tells submit that the job is accepted (the watcher's pid) and detaches the watcher from the job manager.
sub accepted
{
    my $report = shift;
    print $report "OK:$$\n";
    close($report);
    open(STDIN, '<', '/dev/null');
    open(STDOUT, '>', '/dev/null');
    open(STDERR, '>', '/dev/null');
}

# Ends a queued job that could not start: the reason goes to its stderr, the end is exit 127.
sub start_failed
{
    my ($job_id, $job, $error) = @_;
    if (open(my $fh, '>>', $job->{stderr})) {
        print $fh "jobmanager-vm: $error\n";
        close($fh);
    }
    finish($job_id, $job, 'exit', 127);
}

# Records how the job ended, for poll (the exit file) and the SEG (DONE with the exit code), and exits.
sub finish
{
    my ($job_id, $job, $how, $code) = @_;
    my $exit_file = $job->{exit_file};
    if (open(my $fh, '>', "$exit_file.tmp")) {
        print $fh "$how $code\n";
        close($fh);
        rename("$exit_file.tmp", $exit_file);
    }
    seg_event($job_id, Globus::GRAM::JobState::DONE, $how eq 'exit' ? $code : 128 + $code);
    POSIX::_exit(0);
}

# Appends one event in the fork starter's log format, which the fork SEG module reads.
sub seg_event
{
    my ($job_id, $state, $code) = @_;
    return if $fork_log eq '/dev/null';
    if (open(my $log, '>>', $fork_log)) {
        flock($log, 2);
        printf $log "001;%d;%s;%d;%d\n", time(), $job_id, $state, $code;
        close($log);
    }
}

1;
